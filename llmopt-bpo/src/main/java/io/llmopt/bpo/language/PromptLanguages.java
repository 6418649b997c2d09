package io.llmopt.bpo.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which language a prompt is written in, by Lingua (the most accurate detector for short texts),
 * among the languages prompts are commonly written in. A text too short or too mixed to tell is of
 * no language rather than a guessed one, so it never counts as a switch.
 *
 * <p>Lingua loads a language's models the first time a text could be in it, so the detector is
 * built once per process and costs memory only for the scripts it meets.
 */
public final class PromptLanguages {

    /** ISO 639-1 codes of the languages told apart. */
    public static final String DEFAULT_LANGUAGES = "en,zh,ja,ko,de,fr,es,it,pt,nl,sv,pl,ru,uk,cs,tr,ar,fa,he,hi,bn,id,vi,th,el";

    private static final PromptLanguages DEFAULT = new PromptLanguages(DEFAULT_LANGUAGES);

    private final LanguageDetector detector;

    public PromptLanguages(String isoCodes) {
        IsoCode639_1[] codes = Arrays.stream(isoCodes.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .map(c -> IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT))).toArray(IsoCode639_1[]::new);
        if (codes.length < 2) {
            throw new IllegalArgumentException("language detection needs at least two languages, got '" + isoCodes + "'");
        }
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(codes).withMinimumRelativeDistance(0.05).build();
    }

    public static PromptLanguages defaults() {
        return DEFAULT;
    }

    /** The language's ISO 639-1 code ("en", "zh", ...), or empty when the text does not tell. */
    public Optional<String> of(String text) {
        if (text == null || text.codePoints().filter(Character::isLetter).count() < 2) {
            return Optional.empty();
        }
        Language language = detector.detectLanguageOf(text);
        return language == Language.UNKNOWN ? Optional.empty()
                : Optional.of(language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT));
    }

    /** The language's English name ("Chinese"), for instructions to a model. */
    public static String name(String isoCode) {
        return Language.getByIsoCode639_1(IsoCode639_1.valueOf(isoCode.toUpperCase(Locale.ROOT))).name().charAt(0)
                + Language.getByIsoCode639_1(IsoCode639_1.valueOf(isoCode.toUpperCase(Locale.ROOT))).name().substring(1)
                .toLowerCase(Locale.ROOT);
    }

    /** Whether {@code rewrite} is in another language than {@code original}, both being clear. */
    public boolean switched(String original, String rewrite) {
        Optional<String> a = of(original);
        Optional<String> b = of(rewrite);
        return a.isPresent() && b.isPresent() && !a.get().equals(b.get());
    }
}
