package org.nqpf.contracts;

/** The paper's four dimensions in which AI and new quality productive forces react. */
public enum Dimension {
    /** 劳动者 */
    LABORERS,
    /** 劳动资料 */
    MEANS_OF_LABOR,
    /** 劳动对象 */
    OBJECTS_OF_LABOR,
    /** 优化组合 */
    OPTIMIZED_COMBINATION
}
