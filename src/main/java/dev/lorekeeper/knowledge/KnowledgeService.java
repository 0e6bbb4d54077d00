package dev.lorekeeper.knowledge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.RateLimiter;
import dev.lorekeeper.llm.LlmCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Q&A for the Discord side: the current index (built in the background, so start-up never waits for it), answers
 * cached per normalised question, a per-member rate limit, and every question recorded.
 */
public final class KnowledgeService {
    private final LiveIndex index;
    private final Answerer answerer;
    private final FollowUpRewriter rewriter;
    private final QuestionLog questions;
    private final Conversations conversations;
    private final RateLimiter perMember;
    private final Cache<String, Answer> cache;

    public KnowledgeService(
            LiveIndex index,
            Answerer answerer,
            FollowUpRewriter rewriter,
            QuestionLog questions,
            Conversations conversations,
            int questionsPerMinute,
            Duration cacheTtl,
            MeterRegistry metrics) {
        this.index = index;
        this.answerer = answerer;
        this.rewriter = rewriter;
        this.questions = questions;
        this.conversations = conversations;
        this.perMember = new RateLimiter(questionsPerMinute, Duration.ofMinutes(1));
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(10_000)
                .recordStats()
                .build();
        // Hits and misses on /metrics (cache_gets_total{cache="answers"}): a load figure for /ask means little
        // without knowing how many answers came from here.
        CaffeineCacheMetrics.monitor(metrics, cache, "answers");
    }

    /** Remembers a new Q&A thread and its first turn. */
    public void openThread(long threadId, long guildId, Asked first) {
        conversations.open(
                threadId, guildId, first.answer().question(), first.answer().text());
    }

    public boolean isThread(long threadId) {
        return conversations.isThread(threadId);
    }

    /** A follow-up in a Q&A thread, answered as a standalone question and added to the thread's history. */
    public Optional<Asked> followUp(long threadId, long guildId, long memberId, String text) {
        String standalone =
                rewriter.standalone(conversations.history(threadId), text, LlmCall.of("qa", guildId, memberId));
        Optional<Asked> asked = ask(guildId, threadId, memberId, standalone);
        asked.ifPresent(a -> conversations.append(threadId, text, a.answer().text()));
        return asked;
    }

    public Optional<KnowledgeIndex> index() {
        return index.current();
    }

    public boolean docsExist() {
        return index.docsExist();
    }

    /** Re-ingests in the background; cached answers go once the new index serves. */
    public CompletableFuture<IndexStore.IngestReport> reload(Executor executor) {
        return index.reload(executor).thenApply(r -> {
            cache.invalidateAll();
            return r;
        });
    }

    public void awaitReady(Duration timeout) throws Exception {
        index.awaitReady(timeout);
    }

    /** An answer for a member, or empty when they are over their rate limit. */
    public Optional<Asked> ask(long guildId, long channelId, long memberId, String question) {
        if (!perMember.tryAcquire(guildId + ":" + memberId)) {
            return Optional.empty();
        }
        String normalized = normalize(question);
        Answer answer = cache.get(
                guildId + "|" + normalized, k -> answerer.answer(question, LlmCall.of("qa", guildId, memberId)));
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
    public record Asked(long id, Answer answer) {}
}
