package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.validation.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem responses for refused requests. Spring MVC's own errors (405, 404 of unknown paths, ...)
 * become problem responses through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        return Problem.of(HttpStatus.BAD_REQUEST, "the request has invalid fields; see errors",
                request.getRequestURI(), e.errors());
    }

    @ExceptionHandler(RequestProblemException.class)
    ResponseEntity<ProblemDetail> refused(RequestProblemException e, HttpServletRequest request) {
        return Problem.of(e.status(), e.getMessage(), request.getRequestURI(), e.errors());
    }
}
