package org.ccpairs.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatermarkHoldbackTest {
    @Test
    void passesTheInputWatermarkWhenNoFileIsOpen() {
        WatermarkHoldback holdback = new WatermarkHoldback();
        holdback.input(3);
        assertThat(holdback.advance()).hasValue(3);
        assertThat(holdback.advance()).as("only when it advances").isEmpty();
    }

    @Test
    void holdsBackBelowTheLowestSegmentWithAnUnfinishedFile() {
        WatermarkHoldback holdback = new WatermarkHoldback();
        holdback.fileAdded(2);
        holdback.fileAdded(2);
        holdback.fileAdded(3);
        holdback.input(3);
        assertThat(holdback.advance()).hasValue(1);

        holdback.fileDone(2);
        assertThat(holdback.advance()).as("segment 2 still has a file").isEmpty();
        holdback.fileDone(2);
        assertThat(holdback.advance()).hasValue(2);
        holdback.fileDone(3);
        assertThat(holdback.advance()).hasValue(3);
    }

    @Test
    void neverPassesMoreThanTheInput() {
        WatermarkHoldback holdback = new WatermarkHoldback();
        holdback.fileAdded(5);
        holdback.fileDone(5);
        assertThat(holdback.advance()).as("no input watermark yet").isEmpty();
        holdback.input(4);
        assertThat(holdback.advance()).hasValue(4);
    }

    @Test
    void theInputNeverGoesBackwards() {
        WatermarkHoldback holdback = new WatermarkHoldback();
        holdback.input(7);
        holdback.input(5);
        assertThat(holdback.input()).isEqualTo(7);
        assertThat(holdback.advance()).hasValue(7);
    }

    @Test
    void finishingAFileThatWasNeverAddedIsABug() {
        assertThatThrownBy(() -> new WatermarkHoldback().fileDone(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("segment 1");
    }
}
