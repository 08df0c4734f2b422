package org.ccpairs.jobs.linkcheck;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ccpairs.jobs.model.LinkStatus;

/**
 * What a site says about being used for AI training, read from the files at its origin: {@code
 * robots.txt} (RFC 9309, parsed with crawler-commons; the groups of every one of our agents apply),
 * {@code ai.txt} (same syntax) and {@code /.well-known/tdmrep.json}. Fetched once per origin and
 * kept for {@code linkcheck.policy-ttl}; a URL it disallows is never requested.
 *
 * <p>Failures follow RFC 9309 for robots.txt: a 4xx means no rules, a 5xx or 429 means complete
 * disallow ({@code ROBOTS_UNAVAILABLE}) until the file is fetched again. For ai.txt and
 * tdmrep.json, which have no such rule, anything but a 2xx with a readable body counts as no file.
 */
final class HostPolicy {
    /** The files, in the order they are fetched. */
    enum File {
        ROBOTS("/robots.txt"),
        AI_TXT("/ai.txt"),
        TDMREP("/.well-known/tdmrep.json");

        final String path;

        File(String path) {
            this.path = path;
        }
    }

    /** A refusal: the status and one line that says why. */
    record Verdict(LinkStatus status, String detail) {}

    private record AgentRules(String agent, BaseRobotRules rules) {}

    private final List<AgentRules> robots = new ArrayList<>();
    private final List<AgentRules> aiTxt = new ArrayList<>();
    private TdmRepRules tdmRep = TdmRepRules.none();
    private LinkStatus robotsStatus;
    private String robotsUnavailable;

    static HostPolicy allowAll() {
        return new HostPolicy();
    }

    /** A robots.txt or ai.txt body that answered 2xx. */
    void rulesFile(File file, String url, byte[] body, String contentType, List<String> agents) {
        List<AgentRules> target = file == File.ROBOTS ? robots : aiTxt;
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        for (String agent : agents) {
            String name = agent.toLowerCase(Locale.ROOT);
            BaseRobotRules rules =
                    parser.parseContent(
                            url,
                            body,
                            contentType == null ? "text/plain" : contentType,
                            List.of(name));
            if (!rules.isAllowAll() || rules.getCrawlDelay() > 0) {
                target.add(new AgentRules(agent, rules));
            }
        }
    }

    /** robots.txt answered {@code status}, not 2xx (after redirects). */
    void robotsFailed(int status) {
        if (status == 429 || status >= 500) {
            robotsStatus = LinkStatus.ROBOTS_UNAVAILABLE;
            robotsUnavailable =
                    "robots.txt answered HTTP " + status + ": complete disallow (RFC 9309)";
        }
    }

    /**
     * robots.txt could not be fetched at all: the checks of the origin end with the same status
     * (the host is unreachable), or ROBOTS_UNAVAILABLE when the status is no network failure.
     */
    void robotsUnreachable(LinkStatus status, String why) {
        robotsStatus =
                status.isTransient()
                                || status.kind() == LinkStatus.Kind.DEAD
                                || status.kind() == LinkStatus.Kind.REFUSED
                        ? status
                        : LinkStatus.ROBOTS_UNAVAILABLE;
        robotsUnavailable = "robots.txt: " + why;
    }

    /** A tdmrep.json body that answered 2xx (see {@link TdmRepRules#read}). */
    void tdmRep(byte[] body) {
        tdmRep = TdmRepRules.read(body);
    }

    boolean robotsUnavailable() {
        return robotsUnavailable != null;
    }

    /** Why {@code target} must not be requested, or null when nothing forbids it. */
    Verdict verdict(LinkTarget target) {
        if (robotsUnavailable != null) {
            return new Verdict(
                    LinkStatus.ROBOTS_UNAVAILABLE,
                    robotsUnavailable + ": complete disallow (RFC 9309)");
        }
        String url = target.url();
        for (AgentRules r : robots) {
            if (!r.rules().isAllowed(url)) {
                return new Verdict(
                        LinkStatus.ROBOTS_DISALLOWED,
                        "robots.txt disallows " + target.path() + " for " + r.agent());
            }
        }
        for (AgentRules r : aiTxt) {
            if (!r.rules().isAllowed(url)) {
                return new Verdict(
                        LinkStatus.AI_TXT_DISALLOWED,
                        "ai.txt disallows " + target.path() + " for " + r.agent());
            }
        }
        TdmRepRules.Rule tdm = tdmRep.ruleFor(target.path());
        if (tdm != null && tdm.reserved()) {
            return new Verdict(
                    LinkStatus.TDM_RESERVED,
                    "tdmrep.json reserves TDM rights for "
                            + tdm.location()
                            + (tdm.policy() == null ? "" : " (policy " + tdm.policy() + ")"));
        }
        return null;
    }

    /** The largest Crawl-delay of our agents' robots.txt groups, in milliseconds; 0 when none. */
    long crawlDelayMillis() {
        long max = 0;
        for (AgentRules r : robots) {
            max = Math.max(max, r.rules().getCrawlDelay());
        }
        return max;
    }
}
