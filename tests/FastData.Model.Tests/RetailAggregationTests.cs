using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class RetailAggregationTests
{
    private readonly InMemoryResolver _store = new(RetailData.Model);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ValueTask<JsonObject?> Customer360(string key) =>
        AggregationEngine.AggregateAsync(RetailData.Model.SingleViews["customer-360"], key, _store, Token);

    [Fact]
    public async Task Customer360_FullGraph_BuildsAddressOrdersItemsAndProducts()
    {
        _store.Put("customers", RetailData.Customer(1));
        _store.Put("addresses", RetailData.Address(10, 1));
        _store.Put("orders", RetailData.Order(101, 1));
        _store.Put("orders", RetailData.Order(100, 1));
        _store.Put("order_items", RetailData.Item(100, 2, 7));
        _store.Put("order_items", RetailData.Item(100, 1, 8, quantity: 3));
        _store.Put("products", RetailData.Product(7, "Notebook"));
        _store.Put("products", RetailData.Product(8, "Pen"));

        var view = await Customer360("1");

        Assert.NotNull(view);
        Assert.Equal(1, view["CUSTOMER_ID"]!.GetValue<long>());
        Assert.Equal("Milan", view["address"]!["CITY"]!.GetValue<string>());
        var orders = view["orders"]!.AsArray();
        Assert.Equal([100L, 101L], orders.Select(o => o!["ORDER_ID"]!.GetValue<long>()));
        var items = orders[0]!["items"]!.AsArray();
        Assert.Equal([1L, 2L], items.Select(i => i!["LINE_NO"]!.GetValue<long>()));
        Assert.Equal("Pen", items[0]!["PRODUCT_NAME"]!.GetValue<string>());
        Assert.Equal("SKU-8", items[0]!["SKU"]!.GetValue<string>());
        Assert.Equal(3, items[0]!["QUANTITY"]!.GetValue<long>());
        Assert.Empty(orders[1]!["items"]!.AsArray());
        Assert.Equal(
            ["CUSTOMER_ID", "FIRST_NAME", "LAST_NAME", "EMAIL", "PHONE", "LOYALTY_TIER", "IS_ACTIVE", "CREATED_AT", "address", "orders"],
            view.Select(p => p.Key));
    }

    [Fact]
    public async Task Customer360_ManyOrders_ReadsTheirItemsInOneBatchedQuery()
    {
        _store.Put("customers", RetailData.Customer(9));
        for (var order = 1; order <= 20; order++)
        {
            _store.Put("orders", RetailData.Order(order, 9));
            _store.Put("order_items", RetailData.Item(order, 1, 7, quantity: order));
            _store.Put("order_items", RetailData.Item(order, 2, 7, state: RecordStates.Deleted));
        }

        _store.Put("products", RetailData.Product(7, "Pen"));

        var view = await Customer360("9");

        var orders = view!["orders"]!.AsArray();
        Assert.Equal(20, orders.Count);
        Assert.All(orders, o => Assert.Equal(o!["ORDER_ID"]!.GetValue<long>(), Assert.Single(o["items"]!.AsArray())!["QUANTITY"]!.GetValue<long>()));
        Assert.All(orders, o => Assert.Equal("Pen", o!["items"]![0]!["PRODUCT_NAME"]!.GetValue<string>()));
        // address, orders, the items of all 20 orders in one query; the product is read by key, once.
        Assert.Equal(3, _store.Finds);
        Assert.Single(_store.GotIn, p => p == "products");
    }

    [Fact]
    public async Task Customer360_NoAddressNoOrders_AddressNullOrdersEmpty()
    {
        _store.Put("customers", RetailData.Customer(2));

        var view = await Customer360("2");

        Assert.NotNull(view);
        Assert.True(view.ContainsKey("address"));
        Assert.Null(view["address"]);
        Assert.Empty(view["orders"]!.AsArray());
    }

    [Fact]
    public async Task Customer360_MissingBase_ReturnsNull()
    {
        _store.Put("orders", RetailData.Order(100, 3));

        Assert.Null(await Customer360("3"));
    }

    [Fact]
    public async Task Customer360_DeletedBase_ReturnsNull()
    {
        _store.Put("customers", RetailData.Customer(4, state: RecordStates.Deleted));

        Assert.Null(await Customer360("4"));
    }

    [Fact]
    public async Task Customer360_NonPublicDependencies_AreExcluded()
    {
        _store.Put("customers", RetailData.Customer(5));
        _store.Put("addresses", RetailData.Address(50, 5, state: RecordStates.Deleted));
        _store.Put("orders", RetailData.Order(500, 5, state: RecordStates.Deleted));
        _store.Put("orders", RetailData.Order(501, 5));
        _store.Put("order_items", RetailData.Item(501, 1, 9, state: "DRAFT"));
        _store.Put("order_items", RetailData.Item(501, 2, 10));
        _store.Put("products", RetailData.Product(10, "Ink", state: RecordStates.Deleted));

        var view = await Customer360("5");

        Assert.NotNull(view);
        Assert.Null(view["address"]);
        var order = Assert.Single(view["orders"]!.AsArray());
        Assert.Equal(501, order!["ORDER_ID"]!.GetValue<long>());
        var item = Assert.Single(order["items"]!.AsArray());
        Assert.Equal(2, item!["LINE_NO"]!.GetValue<long>());
        Assert.Null(item["PRODUCT_NAME"]);
    }

    [Fact]
    public async Task Customer360_SameStateInsertedInAnotherOrder_IsEqual()
    {
        var other = new InMemoryResolver(RetailData.Model);
        JsonObject[] orders = [RetailData.Order(3, 6), RetailData.Order(1, 6), RetailData.Order(2, 6)];
        _store.Put("customers", RetailData.Customer(6));
        other.Put("customers", RetailData.Customer(6));
        foreach (var order in orders)
        {
            _store.Put("orders", order.DeepClone().AsObject());
        }

        foreach (var order in orders.Reverse())
        {
            other.Put("orders", order.DeepClone().AsObject());
        }

        var first = await Customer360("6");
        var second = await AggregationEngine.AggregateAsync(RetailData.Model.SingleViews["customer-360"], "6", other, Token);

        Assert.True(JsonNode.DeepEquals(first, second), $"{first}\n!=\n{second}");
    }

    [Fact]
    public async Task ProductSales_ItemsOfProduct_JoinTheirOrders()
    {
        _store.Put("products", RetailData.Product(7, "Notebook"));
        _store.Put("order_items", RetailData.Item(100, 1, 7, quantity: 2));
        _store.Put("order_items", RetailData.Item(90, 3, 7));
        _store.Put("order_items", RetailData.Item(100, 2, 8));
        _store.Put("orders", RetailData.Order(100, 1, status: "SHIPPED"));

        var view = await AggregationEngine.AggregateAsync(RetailData.Model.SingleViews["product-sales"], "7", _store, Token);

        Assert.NotNull(view);
        Assert.Equal("Notebook", view["NAME"]!.GetValue<string>());
        var items = view["items"]!.AsArray();
        Assert.Equal([90L, 100L], items.Select(i => i!["ORDER_ID"]!.GetValue<long>()));
        Assert.Null(items[0]!["ORDER_STATUS"]);
        Assert.Equal("SHIPPED", items[1]!["ORDER_STATUS"]!.GetValue<string>());
        Assert.Equal(1, items[1]!["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task AggregateAsync_KeyWithWrongPartCount_Throws()
    {
        await Assert.ThrowsAsync<FormatException>(async () => await Customer360("1|2"));
    }
}
