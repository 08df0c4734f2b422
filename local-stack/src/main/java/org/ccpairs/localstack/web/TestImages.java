package org.ccpairs.localstack.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Real image bytes for tests: PNG, JPEG, GIF and BMP encoded by the JDK's ImageIO, and WebP, AVIF
 * and HEIC files whose headers are written by hand after their specifications (RIFF/VP8, ISO-BMFF
 * with an {@code ispe} property), since the JDK has no encoder for them.
 */
public final class TestImages {
    private TestImages() {}

    public static byte[] png(int width, int height) {
        return encode("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif(int width, int height) {
        return encode("gif", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] bmp(int width, int height) {
        return encode("bmp", width, height, BufferedImage.TYPE_INT_RGB);
    }

    /**
     * A JPEG whose frame header lies behind an APP1 segment of {@code padding} bytes, like a camera
     * photo with a large EXIF block.
     */
    public static byte[] jpegWithLargeExif(int width, int height, int padding) {
        byte[] plain = jpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        int length = padding + 2;
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        byte[] exif = new byte[padding];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** Lossy WebP: RIFF, a VP8 chunk with a key frame header carrying the size. */
    public static byte[] webpLossy(int width, int height) {
        ByteBuffer vp8 = le(10);
        vp8.put(new byte[] {0x30, 0x01, 0x00}); // frame tag: key frame, version 0, shown
        vp8.put(new byte[] {(byte) 0x9d, 0x01, 0x2a}); // start code
        vp8.putShort((short) width);
        vp8.putShort((short) height);
        return riff(chunk("VP8 ", vp8.array()));
    }

    /** Lossless WebP: a VP8L chunk, signature 0x2f, then 14-bit width-1 and height-1. */
    public static byte[] webpLossless(int width, int height) {
        ByteBuffer vp8l = le(5);
        vp8l.put((byte) 0x2f);
        vp8l.putInt((width - 1) | ((height - 1) << 14));
        return riff(chunk("VP8L", vp8l.array()));
    }

    /** Extended WebP: a VP8X chunk with the 24-bit canvas width-1 and height-1. */
    public static byte[] webpExtended(int width, int height) {
        ByteBuffer vp8x = le(10);
        vp8x.putInt(0); // flags + reserved
        put24(vp8x, width - 1);
        put24(vp8x, height - 1);
        return riff(chunk("VP8X", vp8x.array()));
    }

    /** AVIF: ftyp (avif), then meta / iprp / ipco / ispe with the size. */
    public static byte[] avif(int width, int height) {
        return isoBmff("avif", width, height);
    }

    /** HEIC: like AVIF with the heic brand. */
    public static byte[] heic(int width, int height) {
        return isoBmff("heic", width, height);
    }

    private static byte[] isoBmff(String brand, int width, int height) {
        byte[] ftyp = box("ftyp", concat(ascii(brand), new byte[4], ascii("mif1"), ascii(brand)));
        ByteBuffer ispe = ByteBuffer.allocate(12);
        ispe.putInt(0); // version and flags
        ispe.putInt(width);
        ispe.putInt(height);
        byte[] hdlr = box("hdlr", concat(new byte[8], ascii("pict"), new byte[13]));
        byte[] ipco = box("ipco", box("ispe", ispe.array()));
        byte[] iprp = box("iprp", ipco);
        byte[] meta = box("meta", concat(new byte[4], hdlr, iprp));
        return concat(ftyp, meta, box("mdat", new byte[32]));
    }

    private static byte[] encode(String format, int width, int height, int type) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] riff(byte[] chunk) {
        ByteBuffer b = le(12 + chunk.length);
        b.put(ascii("RIFF"));
        b.putInt(4 + chunk.length);
        b.put(ascii("WEBP"));
        b.put(chunk);
        return b.array();
    }

    private static byte[] chunk(String type, byte[] payload) {
        ByteBuffer b = le(8 + payload.length + (payload.length & 1));
        b.put(ascii(type));
        b.putInt(payload.length);
        b.put(payload);
        return b.array();
    }

    private static byte[] box(String type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(8 + payload.length);
        b.put(ascii(type));
        b.put(payload);
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put24(ByteBuffer b, int v) {
        b.put((byte) v);
        b.put((byte) (v >> 8));
        b.put((byte) (v >> 16));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
