-- Tokens reserved and spent per UTC day, per budget: the total (guild 0, member 0), a server (member 0) and a member
-- of a server. A call reserves its estimate with one conditional update per budget before it starts and settles
-- to its real usage after, so concurrent calls in any number of processes can not overshoot a budget.
CREATE TABLE llm_budget (
    usage_day DATE   NOT NULL,
    guild_id  BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    tokens    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (usage_day, guild_id, member_id)
);

-- Where a memory was made and by whom: a server recalls only its own memories, and a member's talk with a character
-- stays theirs. Memories from before this column have no server and are never recalled.
ALTER TABLE character_memory ADD COLUMN guild_id BIGINT;
ALTER TABLE character_memory ADD COLUMN member_id BIGINT;
CREATE INDEX character_memory_by_guild ON character_memory (character_id, guild_id, id);
