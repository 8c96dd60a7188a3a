namespace FastData.Samples.Retail;

/// <summary>The topic names of the retail sample, as Debezium names them (<c>server.schema.table</c>).</summary>
public static class RetailTopics
{
    /// <summary>The <c>customers</c> table.</summary>
    public const string Customers = "retail.public.customers";

    /// <summary>The <c>addresses</c> table (at most one per customer).</summary>
    public const string Addresses = "retail.public.addresses";

    /// <summary>The <c>orders</c> table.</summary>
    public const string Orders = "retail.public.orders";

    /// <summary>The <c>order_items</c> table (composite key ORDER_ID + LINE_NO).</summary>
    public const string OrderItems = "retail.public.order_items";

    /// <summary>The <c>products</c> table.</summary>
    public const string Products = "retail.public.products";

    /// <summary>The customers topic with its key and suggested partition count.</summary>
    public static RetailTopic CustomersTopic { get; } = new(Customers, "customers", ["CUSTOMER_ID"], 16);

    /// <summary>The addresses topic with its key and suggested partition count.</summary>
    public static RetailTopic AddressesTopic { get; } = new(Addresses, "addresses", ["ADDRESS_ID"], 8);

    /// <summary>The orders topic with its key and suggested partition count.</summary>
    public static RetailTopic OrdersTopic { get; } = new(Orders, "orders", ["ORDER_ID"], 32);

    /// <summary>The order items topic with its key and suggested partition count (the busiest table).</summary>
    public static RetailTopic OrderItemsTopic { get; } = new(OrderItems, "order_items", ["ORDER_ID", "LINE_NO"], 32);

    /// <summary>The products topic with its key and suggested partition count.</summary>
    public static RetailTopic ProductsTopic { get; } = new(Products, "products", ["PRODUCT_ID"], 8);

    /// <summary>Every topic of the sample, parents before children.</summary>
    public static IReadOnlyList<RetailTopic> All { get; } =
        [CustomersTopic, AddressesTopic, ProductsTopic, OrdersTopic, OrderItemsTopic];
}
