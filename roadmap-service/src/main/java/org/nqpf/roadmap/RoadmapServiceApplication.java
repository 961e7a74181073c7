package org.nqpf.roadmap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns the action library and turns each assessment into a phased, prioritised roadmap. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoadmapServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RoadmapServiceApplication.class, args);
    }
}
