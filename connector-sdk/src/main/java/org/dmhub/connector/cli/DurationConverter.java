package org.dmhub.connector.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 0}, or ISO-8601 ({@code PT5M}); never negative. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|h)");

    @Override
    public Duration convert(String text) {
        Matcher matcher = SHORT.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        Duration duration;
        if (text.strip().equals("0")) {
            duration = Duration.ZERO;
        } else if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.strip());
            } catch (java.time.format.DateTimeParseException notIso) {
                throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 30s, 5m or 1h");
            }
        }
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + text + "' is negative; write e.g. 30s, 5m or 1h");
        }
        return duration;
    }
}
