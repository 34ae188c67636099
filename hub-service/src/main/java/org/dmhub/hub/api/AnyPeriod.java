package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameter {@code period}, a period of any periodicity, whose form says which ({@link FrameworkArguments});
 * 400 {@code invalid-period} when it has none of the five forms.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(name = "period", in = ParameterIn.QUERY, required = true, schema = @Schema(type = "string"))
@interface AnyPeriod {
}
