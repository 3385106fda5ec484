package io.ringkeeper.aws;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The clock the membership cache reads; qualified so it never clashes with a clock bound elsewhere. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@interface AwsClock {
}
