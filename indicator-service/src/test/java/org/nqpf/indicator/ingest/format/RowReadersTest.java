package org.nqpf.indicator.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nqpf.indicator.ingest.ObservationRow;
import org.springframework.http.MediaType;

class RowReadersTest {

    /** Import jobs ask hasNext() more than once at the end of a file: no reader may invent a row there. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|{\"observations\": [{\"entity\": \"CN-11\", \"indicator\": \"X\", \"period\": \"2020\", \"value\": 1}, {\"entity\": \"CN-12\", \"indicator\": \"X\", \"period\": \"2020\", \"value\": 2}], \"note\": \"after\"}",
            "text/csv|entity,indicator,period,value\\nCN-11,X,2020,1\\nCN-12,X,2020,2\\n",
            "application/vnd.sdmx.data+csv; version=2.0.0|STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\\ndataflow,A:B(1.0),I,CN-11,X,2020,1\\ndataflow,A:B(1.0),I,CN-12,X,2020,2\\n"})
    void should_ReadEachRowOnce_And_StayAtTheEnd_When_AskedAgain(String contentType, String body) throws Exception {
        byte[] bytes = body.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        List<ObservationRow> rows = new ArrayList<>();
        try (RowReader reader = Formats.open(MediaType.parseMediaType(contentType), new ByteArrayInputStream(bytes))) {
            while (reader.hasNext()) {
                rows.add(reader.next());
                reader.hasNext();
            }
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.bytesRead()).isEqualTo(bytes.length);
        }
        assertThat(rows).extracting(ObservationRow::entity).containsExactly("CN-11", "CN-12");
        assertThat(rows).extracting(ObservationRow::value).containsExactly(1.0, 2.0);
    }

    /** Spreadsheets write a byte order mark before the header; it is no part of the first column's name. */
    @Test
    void should_ReadTheHeader_When_TheCsvStartsWithAByteOrderMark() {
        byte[] bytes = "\uFEFFentity,indicator,period,value\nCN-11,X,2020,1\n".getBytes(StandardCharsets.UTF_8);
        try (RowReader reader = Formats.open(MediaType.parseMediaType("text/csv"), new ByteArrayInputStream(bytes))) {
            assertThat(reader.next()).satisfies(row -> {
                assertThat(row.problem()).isNull();
                assertThat(row.entity()).isEqualTo("CN-11");
            });
        }
    }

    /** An overlong '/' (C0 AF) is no UTF-8: read as '/' it would walk around any check of the decoded text. */
    @Test
    void should_RefuseTheCsv_When_ItIsNotUtf8() {
        byte[] bytes = {'e', 'n', 't', 'i', 't', 'y', ',', 'i', 'n', 'd', 'i', 'c', 'a', 't', 'o', 'r', ',', 'p', 'e',
                'r', 'i', 'o', 'd', ',', 'v', 'a', 'l', 'u', 'e', '\n', 'C', 'N', (byte) 0xC0, (byte) 0xAF, ',', 'X', ',',
                '2', '0', '2', '0', ',', '1', '\n'};
        assertThatThrownBy(() -> {
            try (RowReader reader = Formats.open(MediaType.parseMediaType("text/csv"),
                    new ByteArrayInputStream(bytes))) {
                reader.forEachRemaining(row -> { });
            }
        }).isInstanceOf(UnreadableInputException.class).hasMessageContaining("not valid UTF-8");
    }
}
