package com.example.orders;

import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

public class OrdersStack extends Stack {
  public OrdersStack(final Construct scope, final String id, final StackProps props) {
    super(scope, id, props);

    Table orders = Table.Builder.create(this, "OrdersTable")
        .partitionKey(Attribute.builder().name("customerId").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecovery(true)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();

    Function handler = Function.Builder.create(this, "OrdersHandler")
        .runtime(Runtime.JAVA_17)
        .handler("com.example.orders.Handler::handleRequest")
        .code(Code.fromAsset("../orders-handler/target/orders-handler.jar"))
        .memorySize(512)
        .timeout(Duration.seconds(10))
        .environment(Map.of("TABLE_NAME", orders.getTableName()))
        .build();
    orders.grantReadWriteData(handler);

    Alarm.Builder.create(this, "OrdersTableThrottleAlarm")
        .metric(orders.metricThrottledRequestsForOperations(null))
        .threshold(1)
        .evaluationPeriods(1)
        .build();

    CfnOutput.Builder.create(this, "OrdersTableName").value(orders.getTableName()).build();
  }
}
