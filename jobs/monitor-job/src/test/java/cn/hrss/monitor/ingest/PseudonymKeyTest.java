package cn.hrss.monitor.ingest;

import cn.hrss.monitor.config.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {
    /** A variable name no environment sets, so the environment branch is exercised without touching the process env. */
    private static final String UNSET_VARIABLE = "HRSS_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_');

    @TempDir
    Path dir;

    @Test
    void readsBase64Of32RandomBytesFromASecretFile() throws IOException {
        byte[] random = randomBytes(32);
        Path file = write("key", Base64.getEncoder().encodeToString(random) + "\n");

        byte[] key = key(UNSET_VARIABLE, file.toString()).resolve();

        assertThat(key).isEqualTo(random);
        // The key is usable for pseudonyms right away.
        assertThat(new Pseudonymiser(key).pseudonym("440524188001010014")).matches("[0-9a-f]{32}");
    }

    @Test
    void longerKeysAndSurroundingWhitespaceAreFine() throws IOException {
        byte[] random = randomBytes(64);
        Path file = write("key", "  " + Base64.getEncoder().encodeToString(random) + " \r\n\n");

        assertThat(key(UNSET_VARIABLE, file.toString()).resolve()).isEqualTo(random);
    }

    @Test
    void theSecretFileWinsOverTheEnvironmentVariable() throws IOException {
        byte[] random = randomBytes(32);
        Path file = write("key", Base64.getEncoder().encodeToString(random));

        // "PATH" is set in every environment; the file must still be the source.
        assertThat(key("PATH", file.toString()).resolve()).isEqualTo(random);
    }

    @Test
    void tooShortKeyIsRefusedWithoutShowingIt() throws IOException {
        String encoded = Base64.getEncoder().encodeToString(randomBytes(16));
        Path file = write("short", encoded);

        assertThatThrownBy(() -> key(UNSET_VARIABLE, file.toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("16 bytes")
                .hasMessageContaining("32")
                .message().doesNotContain(encoded).doesNotContain(encoded.substring(0, 12));
    }

    @Test
    void thirtyOneBytesAreTooFew() throws IOException {
        Path file = write("short", Base64.getEncoder().encodeToString(randomBytes(31)));

        assertThatThrownBy(() -> key(UNSET_VARIABLE, file.toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("31 bytes");
    }

    @Test
    void badBase64IsRefusedWithoutShowingIt() throws IOException {
        String notBase64 = "this*is*not*base64*but*a*secret*passphrase!";
        Path file = write("bad", notBase64);

        assertThatThrownBy(() -> key(UNSET_VARIABLE, file.toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("base64")
                .hasMessageContaining(file.toString())
                .message().doesNotContain(notBase64).doesNotContain("passphrase");
    }

    @Test
    void emptySecretFileIsRefused() throws IOException {
        Path file = write("empty", "\n");

        assertThatThrownBy(() -> key(UNSET_VARIABLE, file.toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void missingSecretFileNamesThePath() {
        Path missing = dir.resolve("no-such-key");

        assertThatThrownBy(() -> key(UNSET_VARIABLE, missing.toString()).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void missingEnvironmentVariableExplainsWhatToSet() {
        for (String noFile : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> key(UNSET_VARIABLE, noFile).resolve())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(UNSET_VARIABLE)
                    .hasMessageContaining("base64")
                    .hasMessageContaining("32")
                    .hasMessageContaining("pseudonym.key-file");
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** As {@code pseudonym.key-env} / {@code pseudonym.key-file} configure it: a blank file key means none. */
    private static PseudonymKey key(String envVariable, String file) {
        return new PseudonymKey(new Secret(envVariable, file == null || file.isBlank() ? null : file));
    }
}
