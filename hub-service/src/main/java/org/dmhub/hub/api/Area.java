package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The framework's area named by the optional query parameter {@code area} ({@link FrameworkArguments}); 404
 * {@code unknown-area} when the framework has none of that code.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(name = "area", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
@interface Area {

    /** Without the parameter, the province (404 {@code no-framework} before there is one) rather than null. */
    boolean provinceByDefault() default false;
}
