package dev.lorekeeper.app;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.discord.VerifyCommand;
import dev.lorekeeper.discord.WalletsCommand;
import dev.lorekeeper.settings.FeatureStatus;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.wallet.ChainContractSignatureChecker;
import dev.lorekeeper.wallet.SiweVerifier;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifySessions;
import dev.lorekeeper.wallet.VerifySettings;
import dev.lorekeeper.wallet.WalletLinkListener;
import dev.lorekeeper.web.VerifyRoutes;
import dev.lorekeeper.web.WebRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Wallet verification: /verify and /wallets, the verify page and its API. */
final class VerificationModule implements FeatureModule {
    private final Infra infra;
    private final VerificationService verification;

    /** {@code linked} hears of every linked or unlinked wallet (role sync). */
    VerificationModule(Infra infra, WalletLinkListener linked) {
        this.infra = infra;
        this.verification = service(infra, linked);
    }

    @Override
    public String name() {
        return "verification";
    }

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new VerifyCommand(verification, infra.settings()), new WalletsCommand(verification, infra.settings()));
    }

    @Override
    public List<WebRoutes> routes() {
        return List.of(
                new VerifyRoutes(verification, infra.config().verification().requestsPerIpPerMinute()));
    }

    @Override
    public List<Routine> routines() {
        return List.of(Routine.local(
                "purge verify sessions", Duration.ofMinutes(5), Duration.ofMinutes(5), verification::purgeExpired));
    }

    @Override
    public Optional<FeatureStatusSource> status() {
        boolean noChains = infra.chain().chains().isEmpty();
        return Optional.of(FeatureStatusSource.switchable(
                Feature.VERIFICATION,
                s -> FeatureStatus.active(
                        Feature.VERIFICATION,
                        "members link wallets with /verify on "
                                + verification.settings().domain()
                                + (noChains ? " (contract wallets need a chain under chains:)" : ""))));
    }

    private static VerificationService service(Infra infra, WalletLinkListener linked) {
        LorekeeperConfig config = infra.config();
        Chains chains = infra.chain().chains();
        String chainName = config.verification().chain() != null
                ? config.verification().chain()
                : chains.all().stream().findFirst().map(Chains.Chain::name).orElse(null);
        long chainId =
                chainName == null ? 1L : chains.byName(chainName).orElseThrow().chainId();
        VerifySettings vs = new VerifySettings(
                config.web().publicUrl(),
                chainId,
                config.verification().sessionTtl(),
                config.verification().clockSkew());
        SiweVerifier verifier = new SiweVerifier(
                chains.isEmpty() ? null : new ChainContractSignatureChecker(chains),
                config.verification().clockSkew());
        return new VerificationService(
                infra.db(),
                new VerifySessions(infra.db(), infra.clock()),
                infra.links(),
                verifier,
                vs,
                linked,
                infra.clock(),
                config.verification().attemptsPerMember(),
                infra.telemetry().registry());
    }
}
