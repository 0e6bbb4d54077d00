package dev.lorekeeper.knowledge;

import dev.lorekeeper.llm.LlmCall;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.config.RateLimiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Q&A for the Discord side: the current index (built in the background, so start-up never waits for it), answers
 * cached per normalised question, a per-member rate limit, and every question recorded.
 */
public final class KnowledgeService {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeService.class);

    private final Path docs;
    private final List<String> pages;
    private final IndexStore store;
    private final AtomicReference<KnowledgeIndex> index = new AtomicReference<>();
    private final QuestionLog questions;
    private final Conversations conversations;
    private final RateLimiter perMember;
    private final Cache<String, Answer> cache;
    private volatile Answerer answerer;
    private volatile FollowUpRewriter rewriter;
    private volatile CompletableFuture<Void> loading = CompletableFuture.completedFuture(null);

    public KnowledgeService(Path docs, List<String> pages, IndexStore store, QuestionLog questions,
            Conversations conversations, int questionsPerMinute, Duration cacheTtl) {
        this.docs = docs;
        this.pages = List.copyOf(pages);
        this.store = store;
        this.questions = questions;
        this.conversations = conversations;
        this.perMember = new RateLimiter(questionsPerMinute, Duration.ofMinutes(1));
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
    }

    /** The answerer needs the index supplier, so it is attached after construction. */
    public void answerWith(Answerer answerer, FollowUpRewriter rewriter) {
        this.answerer = answerer;
        this.rewriter = rewriter;
    }

    /** Remembers a new Q&A thread and its first turn. */
    public void openThread(long threadId, long guildId, Asked first) {
        conversations.open(threadId, guildId, first.answer().question(), first.answer().text());
    }

    public boolean isThread(long threadId) {
        return conversations.isThread(threadId);
    }

    /** A follow-up in a Q&A thread, answered as a standalone question and added to the thread's history. */
    public Optional<Asked> followUp(long threadId, long guildId, long memberId, String text) {
        String standalone = rewriter.standalone(conversations.history(threadId), text,
                LlmCall.of("qa", guildId, memberId));
        Optional<Asked> asked = ask(guildId, threadId, memberId, standalone);
        asked.ifPresent(a -> conversations.append(threadId, text, a.answer().text()));
        return asked;
    }

    public Optional<KnowledgeIndex> index() {
        return Optional.ofNullable(index.get());
    }

    public boolean docsExist() {
        return Files.isDirectory(docs);
    }

    /** Re-ingests in the background (unchanged files are not re-embedded); the old index serves meanwhile. */
    public CompletableFuture<IndexStore.IngestReport> reload(Executor executor) {
        CompletableFuture<IndexStore.IngestReport> f = CompletableFuture.supplyAsync(() -> {
            IndexStore.Ingested r = store.ingest(docs, pages, n -> { });
            index.set(r.index());
            cache.invalidateAll();
            log.info("knowledge index ready: {} files, {} chunks ({} embedded) in {} ms", r.report().files(),
                    r.report().chunks(), r.report().embedded(), r.report().millis());
            return r.report();
        }, executor);
        loading = f.thenApply(r -> null);
        return f;
    }

    public void awaitReady(Duration timeout) throws Exception {
        loading.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** An answer for a member, or empty when they are over their rate limit. */
    public Optional<Asked> ask(long guildId, long channelId, long memberId, String question) {
        if (!perMember.tryAcquire(guildId + ":" + memberId)) {
            return Optional.empty();
        }
        String normalized = normalize(question);
        Answer answer = cache.get(guildId + "|" + normalized, k -> answerer.answer(question,
                LlmCall.of("qa", guildId, memberId)));
        long id = questions.record(guildId, channelId, memberId, question, normalized, answer);
        return Optional.of(new Asked(id, answer));
    }

    public boolean feedback(long questionId, long memberId, boolean helpful) {
        return questions.feedback(questionId, memberId, helpful);
    }

    static String normalize(String q) {
        return q.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** A recorded question and its answer. */
    public record Asked(long id, Answer answer) {
    }
}
