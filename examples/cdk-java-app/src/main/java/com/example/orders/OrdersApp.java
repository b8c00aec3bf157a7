package com.example.orders;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

public final class OrdersApp {
  public static void main(final String[] args) {
    App app = new App();
    new OrdersStack(app, "OrdersStack", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("eu-west-1").build())
        .build());
    app.synth();
  }
}
