package dev.lorekeeper.gate;

import dev.lorekeeper.config.ConfigCheck;
import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.GateConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import java.util.ArrayList;
import java.util.List;

/** The rules of the gates written in the config file, checked as /gate add checks them. */
public final class GateRulesCheck implements ConfigCheck {
    @Override
    public List<ConfigProblem> check(LorekeeperConfig config) {
        List<ConfigProblem> out = new ArrayList<>();
        for (int i = 0; i < config.gates().size(); i++) {
            GateConfig g = config.gates().get(i);
            out.addAll(new RuleSpecValidator(config.chains().keySet()).validate(g.rule(), "gates[" + i + "].rule"));
        }
        return out;
    }
}
