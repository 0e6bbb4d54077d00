package dev.lorekeeper.gate;

import java.util.List;

/** A rule's verdict for a member, with each requirement's numbers for /gate test and the audit line. */
public record Evaluation(Truth truth, List<RequirementResult> requirements) {

    /** One requirement: met, not met, or unknown (a read failed), with what was found. */
    public record RequirementResult(Rule.Requirement requirement, Truth truth, String detail) {}
}
