package dev.lorekeeper.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** bge-small-en-v1.5 (quantized ONNX, in process): no network, no GPU. Queries get bge's retrieval prefix. */
public final class BgeEmbedder implements Embedder {
    static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";
    private static final int BATCH = 32;

    static {
        // DJL, which loads the tokenizer, reports usage to AWS (it asks the EC2 metadata address first) and may
        // download native code; the tokenizer library ships in the jar, so the bot needs neither. An operator's
        // DJL_OFFLINE still wins.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private volatile EmbeddingModel model;

    /** Loaded on first use: a bot without docs never pays for the model. */
    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = load();
                }
                m = model;
            }
        }
        return m;
    }

    /**
     * The same model and pooling as {@code BgeSmallEnV15QuantizedEmbeddingModel}, but each query runs on its caller's
     * thread alone: with ONNX's own pool every question took both cores of a small machine, and acknowledgements to
     * Discord (due within 3 s) waited behind it. Documents are still embedded in parallel, one per thread.
     */
    private static EmbeddingModel load() {
        ClassLoader jar = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream onnx = jar.getResourceAsStream("bge-small-en-v1.5-q.onnx");
                InputStream tokenizer = jar.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException("the bge-small model is missing from the class path");
            }
            options.setIntraOpNumThreads(1);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(
                    env, env.createSession(onnx.readAllBytes(), options), tokenizer, PoolingMode.CLS);
            return new SingleThreadedBge(encoder);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the bge-small model: " + e.getMessage(), e);
        }
    }

    private static final class SingleThreadedBge extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreadedBge(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    @Override
    public String name() {
        return "bge-small-en-v1.5-q";
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
                    .map(TextSegment::from)
                    .toList();
            for (Embedding e : model().embedAll(batch).content()) {
                out.add(normalize(e.vector()));
            }
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) {
        return normalize(model().embed(QUERY_PREFIX + text).content().vector());
    }

    static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
