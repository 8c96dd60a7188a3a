using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>Dependencies whose condition is the related projection's whole primary key are read by key.</summary>
public sealed class ParentKeyTests
{
    private readonly InMemoryResolver _store = new(RetailData.Model);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ValueTask<JsonObject?> Aggregate(string singleView, string key) =>
        AggregationEngine.AggregateAsync(RetailData.Model.SingleViews[singleView], key, _store, Token);

    [Fact]
    public async Task Aggregate_ItemsOfOneOrder_ReadTheirProductsInOneBatchByKey()
    {
        _store.Put("customers", RetailData.Customer(1));
        _store.Put("orders", RetailData.Order(100, 1));
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("order_items", RetailData.Item(100, 2, 8));
        _store.Put("order_items", RetailData.Item(100, 3, 7));
        _store.Put("products", RetailData.Product(7, "Notebook"));
        _store.Put("products", RetailData.Product(8, "Pen"));

        var items = (await Aggregate("customer-360", "1"))!["orders"]![0]!["items"]!.AsArray();

        Assert.Equal(["Notebook", "Pen", "Notebook"], items.Select(i => i!["PRODUCT_NAME"]!.GetValue<string>()));
        Assert.DoesNotContain("products", _store.FoundIn);
        Assert.Equal([("products", 2)], _store.GotMany);
    }

    [Fact]
    public async Task Aggregate_SingleItem_ReadsItsProductByKey()
    {
        _store.Put("customers", RetailData.Customer(1));
        _store.Put("orders", RetailData.Order(100, 1));
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("products", RetailData.Product(7, "Notebook"));

        var items = (await Aggregate("customer-360", "1"))!["orders"]![0]!["items"]!.AsArray();

        Assert.Equal("Notebook", Assert.Single(items)!["PRODUCT_NAME"]!.GetValue<string>());
        Assert.DoesNotContain("products", _store.FoundIn);
    }

    [Fact]
    public async Task Aggregate_KeyOfAnotherJsonType_RelatesNothingAsTheConditionWould()
    {
        // "7" renders the same key as 7, but the condition's equality tells a string from a number.
        _store.Put("customers", RetailData.Customer(1));
        _store.Put("orders", RetailData.Order(100, 1));
        var item = RetailData.Item(100, 1, 7);
        item["PRODUCT_ID"] = "7";
        _store.Put("order_items", item);
        var other = RetailData.Item(100, 2, 7);
        other["PRODUCT_ID"] = "7";
        _store.Put("order_items", other);
        _store.Put("products", RetailData.Product(7, "Notebook"));

        var items = (await Aggregate("customer-360", "1"))!["orders"]![0]!["items"]!.AsArray();

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Null(i!["PRODUCT_NAME"]));
    }

    [Fact]
    public async Task Aggregate_ParentSoftDeletedOrMissing_IsNotRelated()
    {
        _store.Put("products", RetailData.Product(7, "Notebook"));
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("order_items", RetailData.Item(200, 1, 7));
        _store.Put("order_items", RetailData.Item(300, 1, 7));
        _store.Put("orders", RetailData.Order(100, 1));
        _store.Put("orders", RetailData.Order(200, 2, state: RecordStates.Deleted));

        var items = (await Aggregate("product-sales", "7"))!["items"]!.AsArray();

        Assert.Equal([100L, 200L, 300L], items.Select(i => i!["ORDER_ID"]!.GetValue<long>()));
        Assert.Equal([1L, null, null], items.Select(i => i!["CUSTOMER_ID"]?.GetValue<long>()));
        Assert.Equal([("orders", 3)], _store.GotMany);
    }
}
