package io.weir.cloud;

import io.weir.cloud.internal.mapping.CaseMappingParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The operators' case mapping, a YAML file (docs/configuration.md "Case mapping"; an example ships as
 * cloud-adapter/case-mapping.example.yaml): alarm rule and level to case type, class codes, department, urgency,
 * time limit and close-on-clear.
 */
public final class CaseMappingFile {
    private CaseMappingFile() {
    }

    /**
     * Reads {@code file} over {@code base} (what the file leaves out keeps base's value).
     *
     * @throws CaseMappingException naming the file, line and field of every problem
     */
    public static CaseMapping load(Path file, CaseMapping base) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CaseMappingParser.parse(file.toString(), in, base);
        } catch (NoSuchFileException e) {
            throw new CaseMappingException(file.toString(), List.of(file + ":0: file not found"));
        } catch (CharacterCodingException e) {
            throw new CaseMappingException(file.toString(), List.of(file + ":0: not UTF-8 text"));
        } catch (IOException e) {
            throw new CaseMappingException(file.toString(), List.of(file + ":0: cannot read: " + e.getMessage()));
        }
    }

    /** Reads mapping text; {@code name} stands for the file in problems. */
    public static CaseMapping parse(String name, String yaml, CaseMapping base) {
        return CaseMappingParser.parse(name, new StringReader(yaml), base);
    }
}
