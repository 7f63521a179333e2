package io.lifestrands.monitor.api.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.util.unit.DataSize;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * The annotated {@link DataSize} is at least {@link #value()}, in {@link DataSize#parse} form such as {@code "1KB"};
 * {@code null} is valid (pair it with {@code @NotNull}), as with Hibernate Validator's {@code @DurationMin}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Constraint(validatedBy = DataSizeMin.Check.class)
public @interface DataSizeMin {

    /** The least size allowed, e.g. {@code "1KB"}. */
    String value();

    String message() default "must be at least {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Compares with the minimum; public because the validator factory instantiates it. */
    class Check implements ConstraintValidator<DataSizeMin, DataSize> {

        private DataSize min;

        @Override
        public void initialize(DataSizeMin annotation) {
            min = DataSize.parse(annotation.value());
        }

        @Override
        public boolean isValid(DataSize value, ConstraintValidatorContext context) {
            return value == null || value.compareTo(min) >= 0;
        }
    }
}
