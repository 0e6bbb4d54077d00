package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.knowledge.BgeEmbedder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What every start used to log for nothing stays quiet; real errors still get through. */
class QuietLogsTest {
    @Test
    void djlsGpuProbeAndTokenizerWarningsAreSilencedButNotItsErrors() {
        for (String name :
                new String[] {"ai.djl.util.cuda.CudaUtils", "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer"}) {
            assertThat(LoggerFactory.getLogger(name).isWarnEnabled()).as(name).isFalse();
            assertThat(LoggerFactory.getLogger(name).isErrorEnabled()).as(name).isTrue();
        }
        assertThat(LoggerFactory.getLogger("ai.djl.util.Platform").isInfoEnabled())
                .isFalse();
        assertThat(LoggerFactory.getLogger("ai.djl.util.Platform").isWarnEnabled())
                .isTrue();
    }

    @Test
    void theEmbedderKeepsDjlOffline() {
        assertThat(new BgeEmbedder().name()).isNotEmpty();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }
}
