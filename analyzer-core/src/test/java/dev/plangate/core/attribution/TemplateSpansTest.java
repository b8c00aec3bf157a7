package dev.plangate.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.attribution.TemplateSpans.Span;
import org.junit.jupiter.api.Test;

/** Where each resource lies in a template's text, which decides which commit is named. */
class TemplateSpansTest {
  @Test
  void yamlResourcesRunToTheNextLogicalIdAndStopAtTheNextSection() {
    String yaml = """
        Parameters:
          Orders:
            Type: String
        Resources:
          # the table
          Orders:
            Type: AWS::DynamoDB::Table

          "Quoted":
            Type: AWS::SQS::Queue
            Properties:
              Tags:
                - Key: Orders
                  Value: x
          'Single': {Type: AWS::SNS::Topic}
        Outputs:
          Orders:
            Value: !Ref Orders
        """;
    assertThat(TemplateSpans.of(yaml)).containsExactly(
        java.util.Map.entry("Orders", new Span(6, 7)),
        java.util.Map.entry("Quoted", new Span(9, 14)),
        java.util.Map.entry("Single", new Span(15, 15)));
  }

  @Test
  void jsonResourcesSpanTheirValue() {
    String json = """
        {
          "Parameters": {"Orders": {"Type": "String"}},
          "Resources": {
            "Orders": {
              "Type": "AWS::DynamoDB::Table"
            },
            "Queue": {"Type": "AWS::SQS::Queue"}
          }
        }
        """;
    assertThat(TemplateSpans.of(json)).containsExactly(
        java.util.Map.entry("Orders", new Span(4, 6)),
        java.util.Map.entry("Queue", new Span(7, 7)));
  }

  @Test
  void anUnreadableTextHasNoSpansAndDoesNotThrow() {
    assertThat(TemplateSpans.of("{\"Resources\": {\"A\": ")).isEmpty();
    assertThat(TemplateSpans.of("no resources here")).isEmpty();
  }
}
