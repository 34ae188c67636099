package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * The framework's indicator whose code is a path variable ({@link FrameworkArguments}); 404 {@code unknown-indicator}
 * when the framework has none of that code.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(in = ParameterIn.PATH, required = true, schema = @Schema(type = "string"))
@interface Indicator {

    /** The path variable. */
    @AliasFor(annotation = Parameter.class, attribute = "name")
    String value() default "indicator";

    /** Only an indicator departments report, not one the hub derives from others (RATIO). */
    boolean reported() default false;
}
