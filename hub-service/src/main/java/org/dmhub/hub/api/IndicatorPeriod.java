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
 * A period of the handler's {@link Indicator}, which comes before it among the parameters, in the form of the
 * indicator's periodicity, or with {@link #spans} a coarser one it is rolled up over ({@link FrameworkArguments});
 * 400 {@code invalid-period} otherwise.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(schema = @Schema(type = "string"))
@interface IndicatorPeriod {

    /** The path variable or query parameter. */
    @AliasFor(annotation = Parameter.class, attribute = "name")
    String value() default "period";

    @AliasFor(annotation = Parameter.class, attribute = "in")
    ParameterIn in() default ParameterIn.PATH;

    /** Whether a quarter, half-year or year of a finer indicator is accepted too, when the indicator is rolled up over time. */
    boolean spans() default false;

    /** Whether a query parameter may be left out (the argument is then null). */
    @AliasFor(annotation = Parameter.class, attribute = "required")
    boolean required() default true;
}
