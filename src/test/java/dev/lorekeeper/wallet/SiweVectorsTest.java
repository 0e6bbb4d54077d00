package dev.lorekeeper.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link SiweMessage} and {@link SiweVerifier} against SpruceID's published Sign-In with Ethereum
 * (EIP-4361) test vectors: repository spruceid/siwe, folder {@code test/}. Every case of
 * {@code parsing_positive.json}, {@code parsing_negative.json}, {@code parsing_negative_objects.json},
 * {@code verification_positive.json} and {@code verification_negative.json} is transcribed below under its
 * original name, grouped by file (one provider method per file, each case's JSON in a text block).
 * {@code eip1271.json} is left out: its cases need Ethereum mainnet.
 *
 * <p>Inside the text blocks a JSON {@code \n} escape is written {@code \\n}, so the JSON text, and the
 * strings parsed from it, are exactly those of the vectors.
 */
class SiweVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The chainId given to the constructor when a vector has no chainId, or one that is not an integer
     * ("not a valid chainId" has {@code "?"}). {@link SiweMessage} requires chainId &gt;= 1, so the
     * constructor rejects it, as the vectors expect.
     */
    private static final long INVALID_CHAIN_ID = -1;

    /** verification_negative cases that must build and then fail verification with this error. */
    private static final Map<String, SiweError> VERIFICATION_ERRORS = Map.of(
            "expired message", SiweError.EXPIRED,
            "custom time", SiweError.EXPIRED,
            "not yet valid", SiweError.NOT_YET_VALID,
            "domain binding", SiweError.WRONG_DOMAIN,
            "custom nonce", SiweError.NONCE_MISMATCH,
            "malformed signature", SiweError.MALFORMED_SIGNATURE,
            "wrong signature", SiweError.SIGNER_MISMATCH);

    /**
     * verification_negative cases with an impossible date (February 31st): they may be rejected when the
     * message is built, or else must fail verification.
     */
    private static final Set<String> INVALID_DATE_CASES =
            Set.of("invalid issuedAt", "invalid notBefore", "invalid expirationTime");

    // ------------------------------------------------------------------------------------------ tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsingPositive")
    void parsesPositiveVector(String caseName, String json) throws Exception {
        JsonNode vector = JSON.readTree(json);
        String message = vector.get("message").textValue();
        JsonNode fields = vector.get("fields");

        SiweMessage parsed = SiweMessage.parse(message);

        assertThat(parsed.scheme()).as("scheme").isEqualTo(text(fields, "scheme"));
        assertThat(parsed.domain()).as("domain").isEqualTo(text(fields, "domain"));
        assertThat(parsed.address()).as("address").isEqualTo(text(fields, "address"));
        assertThat(parsed.statement()).as("statement").isEqualTo(text(fields, "statement"));
        assertThat(parsed.uri()).as("uri").isEqualTo(text(fields, "uri"));
        assertThat(parsed.version()).as("version").isEqualTo(text(fields, "version"));
        assertThat(parsed.chainId())
                .as("chainId")
                .isEqualTo(fields.get("chainId").longValue());
        assertThat(parsed.nonce()).as("nonce").isEqualTo(text(fields, "nonce"));
        assertThat(parsed.issuedAt()).as("issuedAt").isEqualTo(text(fields, "issuedAt"));
        assertThat(parsed.expirationTime()).as("expirationTime").isEqualTo(text(fields, "expirationTime"));
        assertThat(parsed.notBefore()).as("notBefore").isEqualTo(text(fields, "notBefore"));
        assertThat(parsed.requestId()).as("requestId").isEqualTo(text(fields, "requestId"));
        List<String> resources = textList(fields, "resources");
        assertThat(parsed.resources())
                .as("resources")
                .isNotNull()
                .containsExactlyElementsOf(resources == null ? List.of() : resources);

        assertThat(parsed.format()).as("parse(message).format()").isEqualTo(message);
        assertThat(fromFields(fields).format())
                .as("message built from the vector's fields")
                .isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsingNegative")
    void rejectsNegativeParsingVector(String caseName, String json) throws Exception {
        String message = JSON.readTree(json).textValue();
        assertThat(message).as("vector message").isNotNull();

        assertThatThrownBy(() -> SiweMessage.parse(message)).isInstanceOf(SiweException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsingNegativeObjects")
    void rejectsNegativeFieldsVector(String caseName, String json) throws Exception {
        JsonNode fields = JSON.readTree(json);

        assertThatThrownBy(() -> fromFields(fields)).isInstanceOf(SiweException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationPositive")
    void verifiesPositiveVector(String caseName, String json) throws Exception {
        JsonNode vector = JSON.readTree(json);
        SiweMessage message = fromFields(vector);
        // A moment inside the message's validity window: the vector's own time, else just after notBefore, else now.
        Instant time = vector.hasNonNull("time")
                ? Instant.parse(vector.get("time").textValue())
                : vector.hasNonNull("notBefore")
                        ? Instant.parse(vector.get("notBefore").textValue()).plusSeconds(1)
                        : Instant.now();

        // A fresh verifier per case: some vectors share a nonce ("not yet valid" and "expired message").
        VerificationResult result = new SiweVerifier(null, Duration.ZERO)
                .verify(
                        message,
                        vector.get("signature").textValue(),
                        new SiweExpectations(null, null, time, null, null));

        assertThat(result.valid())
                .as("valid (error %s: %s)", result.error(), result.reason())
                .isTrue();
        assertThat(result.address())
                .as("address")
                .isEqualToIgnoringCase(vector.get("address").textValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationNegative")
    void rejectsNegativeVerificationVector(String caseName, String json) throws Exception {
        JsonNode vector = JSON.readTree(json);
        SiweError expectedError = VERIFICATION_ERRORS.get(caseName);
        assertThat(expectedError != null || INVALID_DATE_CASES.contains(caseName))
                .as("case \"%s\" is listed in VERIFICATION_ERRORS or INVALID_DATE_CASES", caseName)
                .isTrue();

        SiweMessage message;
        if (expectedError == null) {
            try {
                message = fromFields(vector);
            } catch (SiweException rejectedAtConstruction) {
                return; // e.g. 2022-02-31 is not a date: rejecting it here is a pass
            }
        } else {
            message = fromFields(vector); // these fields are well formed: only verification may fail
        }
        Instant time =
                vector.hasNonNull("time") ? Instant.parse(vector.get("time").textValue()) : Instant.now();
        SiweExpectations expect =
                new SiweExpectations(text(vector, "domainBinding"), text(vector, "matchNonce"), time, null, null);

        VerificationResult result = new SiweVerifier(null, Duration.ZERO)
                .verify(message, vector.get("signature").textValue(), expect);

        assertThat(result.valid()).as("valid (address %s)", result.address()).isFalse();
        if (expectedError != null) {
            assertThat(result.error()).as("error (reason: %s)", result.reason()).isEqualTo(expectedError);
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    /**
     * Builds a message from a vector's fields through the record constructor. Absent (or JSON null) fields
     * are passed as null; an absent or non-integer chainId as {@link #INVALID_CHAIN_ID}. Other keys of the
     * vector (signature, time, ...) are ignored.
     */
    static SiweMessage fromFields(JsonNode f) {
        JsonNode chain = f.get("chainId");
        // "missing chainId" has none and "not a valid chainId" has the string "?": neither can be a long, so
        // both are passed as -1, which the constructor's chainId >= 1 rule must reject.
        long chainId = chain != null && chain.isIntegralNumber() && chain.canConvertToLong()
                ? chain.longValue()
                : INVALID_CHAIN_ID;
        return new SiweMessage(
                text(f, "scheme"),
                text(f, "domain"),
                text(f, "address"),
                text(f, "statement"),
                text(f, "uri"),
                text(f, "version"),
                chainId,
                text(f, "nonce"),
                text(f, "issuedAt"),
                text(f, "expirationTime"),
                text(f, "notBefore"),
                text(f, "requestId"),
                textList(f, "resources"));
    }

    /**
     * A string field, or null when absent or JSON null. No vector has a string field of another JSON type; one
     * that did would be a problem of this test, not of the code under test, so it is an IllegalArgumentException.
     */
    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("vector field " + name + " is not a string: " + value);
        }
        return value.textValue();
    }

    /** A list-of-strings field, or null when absent or JSON null; see {@link #text} for other JSON types. */
    private static List<String> textList(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("vector field " + name + " is not an array: " + value);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("vector field " + name + " has a non-string item: " + item);
            }
            items.add(item.textValue());
        }
        return items;
    }

    // ----------------------------------------------------------------------------------------- vectors

    /** parsing_positive.json: a message and the fields it must parse into. */
    static Stream<Arguments> parsingPositive() {
        return Stream.of(
                Arguments.of("couple of optional fields", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z\\nResources:\\n- ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu\\n- https://example.com/my-web2-claim.json",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z",
                                "resources": [
                                    "ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu",
                                    "https://example.com/my-web2-claim.json"
                                ]
                            }
                        }
                        """),
                Arguments.of("no optional field", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("timestamp without microseconds", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24Z"
                            }
                        }
                        """),
                Arguments.of("timezone not utc", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24-02:00",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24-02:00"
                            }
                        }
                        """),
                Arguments.of("domain is RFC 3986 authority with IP", """
                        {
                            "message": "127.0.0.1 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "127.0.0.1",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("domain is RFC 3986 authority with userinfo", """
                        {
                            "message": "test@127.0.0.1 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "test@127.0.0.1",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("domain is RFC 3986 authority with port", """
                        {
                            "message": "127.0.0.1:8080 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "127.0.0.1:8080",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("domain is localhost authority with port", """
                        {
                            "message": "localhost:8080 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "localhost:8080",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("domain is RFC 3986 authority with userinfo and port", """
                        {
                            "message": "test@127.0.0.1:8080 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "test@127.0.0.1:8080",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("no statement", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("domain ipv6", """
                        {
                            "message": "[::cafe] wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "[::cafe]",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("uri ipv6", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://[::cafe]\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://[::cafe]",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("uri ipv4", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://127.0.0.1\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://127.0.0.1",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("uri with port", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://127.0.0.1:4361\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://127.0.0.1:4361",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("uri ipv4 query params and fragment", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://127.0.0.1/?query=one#begin\\nVersion: 1\\nChain ID: 1\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://127.0.0.1/?query=one#begin",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("chainId not 1", """
                        {
                            "message": "service.org wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 4\\nNonce: 32891757\\nIssued At: 2021-09-30T16:25:24.000Z",
                            "fields": {
                                "domain": "service.org",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "uri": "https://service.org/login",
                                "version": "1",
                                "chainId": 4,
                                "nonce": "32891757",
                                "issuedAt": "2021-09-30T16:25:24.000Z"
                            }
                        }
                        """),
                Arguments.of("recovery byte starting at 0", """
                        {
                            "message": "www.tally.xyz wants you to sign in with your Ethereum account:\\n0xc95EB884FE852e241D409234bfC7045CB9E31BD7\\n\\nSign in with Ethereum to Tally\\n\\nURI: https://tally.xyz\\nVersion: 1\\nChain ID: 1\\nNonce: 15050747\\nIssued At: 2022-06-30T14:08:51.382Z",
                            "fields": {
                                "domain": "www.tally.xyz",
                                "address": "0xc95EB884FE852e241D409234bfC7045CB9E31BD7",
                                "statement": "Sign in with Ethereum to Tally",
                                "uri": "https://tally.xyz",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "15050747",
                                "issuedAt": "2022-06-30T14:08:51.382Z"
                            }
                        }
                        """),
                Arguments.of("domain contains optional scheme", """
                        {
                            "message": "https://example.com wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ExampleOrg Terms of Service: https://example.com/tos\\n\\nURI: https://example.com/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891756\\nIssued At: 2021-09-30T16:25:24Z",
                            "fields": {
                                "scheme": "https",
                                "domain": "example.com",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ExampleOrg Terms of Service: https://example.com/tos",
                                "uri": "https://example.com/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891756",
                                "issuedAt": "2021-09-30T16:25:24Z"
                            }
                        }
                        """),
                Arguments.of("scheme is not parsed from elsehwere in message", """
                        {
                            "message": "localhost:3030 wants you to sign in with your Ethereum account:\\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\\n\\nI accept the ExampleOrg Terms of Service: http://localhost:3030/tos\\n\\nURI: http://localhost:3030/login\\nVersion: 1\\nChain ID: 1\\nNonce: 32891756\\nIssued At: 2021-09-30T16:25:24Z",
                            "fields": {
                                "scheme": null,
                                "domain": "localhost:3030",
                                "address": "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                                "statement": "I accept the ExampleOrg Terms of Service: http://localhost:3030/tos",
                                "uri": "http://localhost:3030/login",
                                "version": "1",
                                "chainId": 1,
                                "nonce": "32891756",
                                "issuedAt": "2021-09-30T16:25:24Z"
                            }
                        }
                        """));
    }

    /** parsing_negative.json: messages that must not parse. Each case is a JSON string (the message). */
    static Stream<Arguments> parsingNegative() {
        return Stream.of(
                Arguments.of("missing domain", """
                        " wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing address", """
                        "service.org wants you to sign in with your Ethereum account:\\n\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing uri", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\n\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing version", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\n\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing chainId", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\n\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing nonce", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\n\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("missing issuedAt", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\n\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order uri", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nVersion: 1\\nURI: https://service.org/login\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order version", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nChain ID: 1\\nVersion: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order chainId", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nNonce: 12341234Chain ID: 1\\n\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order nonce", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nIssued At: 2022-03-17T12:45:13.610Z\\nNonce: 12341234\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order issuedAt", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nIssued At: 2022-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order expirationTime", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order notBefore", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nRequest ID: some_id\\nNot Before: 2022-03-17T12:45:13.610Z\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("out of order requestId", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nResources:\\n- https://service.org/login\\nRequest ID: some_id"
                        """),
                Arguments.of("out of order resources", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nResources:\\n- https://service.org/login\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id"
                        """),
                Arguments.of("domain not RFC4501 authority", """
                        "#notrfc4501 wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("address not EIP-55", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5a12547fe4e872d192e3ececb76f2ce1aea4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("statement has line break", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: \\nhttps://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("uri is non-RFC 3986", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: :not_a_rfc3986_valid_uri_\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("version not 1", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 3\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("not a valid chainId", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: ?\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("nonce with less then 8 chars", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 1234567\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("non-ISO 8601 issuedAt", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("non-ISO 8601 expirationTime", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("non-ISO 8601 notBefore", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)\\nRequest ID: some_id\\nResources:\\n- https://service.org/login"
                        """),
                Arguments.of("resources not separated by line break", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login - https://service.org/login/2"
                        """),
                Arguments.of("first resource not-RFC 3986", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- :not_a_rfc3986_valid_uri_\\n- https://service.org/login"
                        """),
                Arguments.of("second resource is not-RFC3986", """
                        "service.org wants you to sign in with your Ethereum account:\\n0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946\\n\\nI accept the ServiceOrg Terms of Service: https://service.org/tos\\n\\nURI: https://service.org/login\\nVersion: 1\\nChain ID: 1\\nNonce: 12341234\\nIssued At: 2022-03-17T12:45:13.610Z\\nExpiration Time: 2023-03-17T12:45:13.610Z\\nNot Before: 2022-03-17T12:45:13.610Z\\nRequest ID: some_id\\nResources:\\n- https://service.org/login\\n- :not_a_rfc3986_valid_uri_"
                        """));
    }

    /** parsing_negative_objects.json: field sets that must not make a message. */
    static Stream<Arguments> parsingNegativeObjects() {
        return Stream.of(
                Arguments.of("missing domain", """
                        {
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing address", """
                        {
                            "domain": "service.org",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing uri", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing version", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing chainId", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing nonce", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("missing issuedAt", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("domain not RFC4501 authority", """
                        {
                            "domain": "#notrfc4501",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("address not EIP-55", """
                        {
                            "domain": "service.org",
                            "address": "0xE5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("uri is non-RFC 3986", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": ":not_a_rfc3986_valid_uri_",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("version not 1", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "3",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("not a valid chainId", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": "?",
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("nonce with less then 8 chars", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "1234567",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("non-ISO 8601 issuedAt", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("non-ISO 8601 expirationTime", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("non-ISO 8601 notBefore", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("first resource not-RFC 3986", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                ":not_a_rfc3986_valid_uri_",
                                "https://service.org/login"
                            ]
                        }
                        """),
                Arguments.of("second resource is not-RFC3986", """
                        {
                            "domain": "service.org",
                            "address": "0xe5A12547fe4E872D192E3eCecb76F2Ce1aeA4946",
                            "statement": "I accept the ServiceOrg Terms of Service: https://service.org/tos",
                            "uri": "https://service.org/login",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "12341234",
                            "issuedAt": "2022-03-17T12:45:13.610Z",
                            "expirationTime": "2023-03-17T12:45:13.610Z",
                            "notBefore": "2022-03-17T12:45:13.610Z",
                            "requestId": "some_id",
                            "resources": [
                                "https://service.org/login",
                                ":not_a_rfc3986_valid_uri_"
                            ]
                        }
                        """));
    }

    /** verification_positive.json: fields plus a signature that must verify, with an optional {@code time}. */
    static Stream<Arguments> verificationPositive() {
        return Stream.of(
                Arguments.of("example message", """
                        {
                            "domain": "login.xyz",
                            "address": "0x9D85ca56217D2bb651b00f15e694EB7E713637D4",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-27T17:09:38.578Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b"
                        }
                        """),
                Arguments.of("not yet valid", """
                        {
                            "domain": "login.xyz",
                            "address": "0xE6D3Aa1F561A215E5eb1f02Ba8705385F03fCaFB",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "lx2nx4so",
                            "issuedAt": "2022-01-05T14:27:30.883Z",
                            "chainId": 1,
                            "notBefore": "2100-01-07T14:31:43.952Z",
                            "signature": "0xc2539ace78f13c7eb8c0852d38d269a6f97bebd9f7872097d2e3137b541f8bf50176062a46eeea83086bd2721423fb5755a932ff6ccc046ed482d14e4576042f1c",
                            "time": "2101-01-07T14:31:43.952Z"
                        }
                        """),
                Arguments.of("expired message", """
                        {
                            "domain": "login.xyz",
                            "address": "0x2ecA0068307e706741445764A3D6A4402aC2A5a9",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "lx2nx4so",
                            "issuedAt": "2022-01-05T14:27:30.883Z",
                            "chainId": 1,
                            "expirationTime": "2021-01-05T00:00:00Z",
                            "signature": "0x7337bc2826c7678cd6bc84f5b3b236efc969b0451f9feca2328b1d3401b030c113f19bdba359ba3f52762c66e9147311fa95fe598a1a4ec9bb383a7b4e3874241b",
                            "time": "2020-01-05T00:00:00Z"
                        }
                        """),
                Arguments.of("recovery byte starting at 0", """
                        {
                            "domain": "www.tally.xyz",
                            "address": "0xc95EB884FE852e241D409234bfC7045CB9E31BD7",
                            "statement": "Sign in with Ethereum to Tally",
                            "uri": "https://tally.xyz",
                            "version": "1",
                            "chainId": 1,
                            "nonce": "15050747",
                            "issuedAt": "2022-06-30T14:08:51.382Z",
                            "signature": "0x8c46b6eb8505939892d8e9b075f89f8277321b17b993151f37810cdda38cce6f4a85909d2b53e6a14629c74c0ac38bf4becde78ee5b2529812bf6cceaf7b2a2501"
                        }
                        """));
    }

    /** verification_negative.json: fields plus a signature that must not verify, with optional
     * {@code time}, {@code domainBinding} and {@code matchNonce}. */
    static Stream<Arguments> verificationNegative() {
        return Stream.of(
                Arguments.of("expired message", """
                        {
                            "domain": "login.xyz",
                            "address": "0x2ecA0068307e706741445764A3D6A4402aC2A5a9",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "lx2nx4so",
                            "issuedAt": "2022-01-05T14:27:30.883Z",
                            "chainId": 1,
                            "expirationTime": "2021-01-05T00:00:00Z",
                            "signature": "0x7337bc2826c7678cd6bc84f5b3b236efc969b0451f9feca2328b1d3401b030c113f19bdba359ba3f52762c66e9147311fa95fe598a1a4ec9bb383a7b4e3874241b"
                        }
                        """),
                Arguments.of("domain binding", """
                        {
                            "domainBinding": "example.com",
                            "domain": "login.xyz",
                            "address": "0x9D85ca56217D2bb651b00f15e694EB7E713637D4",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-27T17:09:38.578Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b"
                        }
                        """),
                Arguments.of("custom time", """
                        {
                            "domain": "login.xyz",
                            "address": "0x9D85ca56217D2bb651b00f15e694EB7E713637D4",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-27T17:09:38.578Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b",
                            "time": "2200-01-05T00:00:00Z"
                        }
                        """),
                Arguments.of("custom nonce", """
                        {
                            "domain": "login.xyz",
                            "address": "0x9D85ca56217D2bb651b00f15e694EB7E713637D4",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-27T17:09:38.578Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b",
                            "matchNonce": "6548asdgf"
                        }
                        """),
                Arguments.of("malformed signature", """
                        {
                            "domain": "login.xyz",
                            "address": "0x6Da01670d8fc844e736095918bbE11fE8D564163",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "rmplqh1gf",
                            "issuedAt": "2022-01-05T14:31:43.954Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xf2e8420fc1b722bf4941f5a0464f98172a758ceda5039f622e425fb69fd19b20e444bba7c9a8a8d7e2b5e453553efe7c9460be5d211abe473fc146d51bb04d0cb1b"
                        }
                        """),
                Arguments.of("wrong signature", """
                        {
                            "domain": "login.xyz",
                            "address": "0x6Da01670d8fc844e736095918bbE11fE8D564163",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "rmplqh1gf",
                            "issuedAt": "2022-01-05T14:31:43.954Z",
                            "chainId": 1,
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0x31df81dc02344c9156e6f71da46e2db624b38f8f806290d670d46492b834b2e7575cbce9f48169356cfb577b910d8e30732fcf23c1ac0021d08b945ed7ee118e1b"
                        }
                        """),
                Arguments.of("not yet valid", """
                        {
                            "domain": "login.xyz",
                            "address": "0xE6D3Aa1F561A215E5eb1f02Ba8705385F03fCaFB",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "lx2nx4so",
                            "issuedAt": "2022-01-05T14:27:30.883Z",
                            "chainId": 1,
                            "notBefore": "2100-01-07T14:31:43.952Z",
                            "signature": "0xc2539ace78f13c7eb8c0852d38d269a6f97bebd9f7872097d2e3137b541f8bf50176062a46eeea83086bd2721423fb5755a932ff6ccc046ed482d14e4576042f1c"
                        }
                        """),
                Arguments.of("invalid issuedAt", """
                        {
                            "domain": "login.xyz",
                            "address": "0xA0aEF081D1ACE5F830532d7D77Ea4c8EE0EaBCF9",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-02-31T17:09:38.578Z",
                            "chainId": 1,
                            "signature": "0x9e837df8b56f6e0cac9b4dce52074c352a4143932b442b973963ed2f7b9987146c8e546e5662867198ec0ae9bdb2e87ffaee528375dac7bf003883714ff732701b"
                        }
                        """),
                Arguments.of("invalid notBefore", """
                        {
                            "domain": "login.xyz",
                            "address": "0xA2ce2B71d77983918C8388c47576ad77E339B2F9",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-30T17:09:38.578Z",
                            "chainId": 1,
                            "notBefore": "2025-02-31T17:09:38.578Z",
                            "expirationTime": "2100-01-07T14:31:43.952Z",
                            "signature": "0xa741355d0cfa938f45e9137d3b1f362e06961d2f35e01bad794b1f35d7d3e4fc5fd610d28d1b1236fdc305ec05c62b83cade54b49e221adf62e116b0c3a96f531b"
                        }
                        """),
                Arguments.of("invalid expirationTime", """
                        {
                            "domain": "login.xyz",
                            "address": "0xeE5A13CfAC109487d56F9186241009Dd9A7b4Ad4",
                            "statement": "Sign-In With Ethereum Example Statement",
                            "uri": "https://login.xyz",
                            "version": "1",
                            "nonce": "bTyXgcQxn2htgkjJn",
                            "issuedAt": "2022-01-30T17:09:38.578Z",
                            "chainId": 1,
                            "expirationTime": "2100-02-31T14:31:43.952Z",
                            "signature": "0x5cbe6e6735e7b5818da08890363d6154edf73593db692b64adaea9c1186712a72244971284377d2fed8286b69dafc3cf964cb4e05a8e8d07c1a6f4ede8d9470e1c"
                        }
                        """));
    }
}
