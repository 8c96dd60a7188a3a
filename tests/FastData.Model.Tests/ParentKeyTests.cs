using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Casting;
using FastData.Model.Configuration;
using FastData.Model.Strategies;
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

    [Fact]
    public async Task Aggregate_ParentFiledUnderItsSourceKey_IsFoundByValue()
    {
        // The ingestion files the rate under its raw key, "USD|2024-01-01"; the cast record holds the date as
        // "2024-01-01T00:00:00.000Z", so the key made of the payment's values misses it.
        var model = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("date-key")).Model!;
        var store = new KeyedResolver();
        store.Put("rates", "USD|2024-01-01", Cast(model, "rates", """{"CURRENCY":"USD","DAY":"2024-01-01","RATE":1.1}"""));
        store.Put("payments", "1", Cast(model, "payments", """{"PAYMENT_ID":1,"CURRENCY":"USD","DAY":"2024-01-01"}"""));

        var document = await AggregationEngine.AggregateAsync(model.SingleViews["payment-view"], "1", store, Token);

        Assert.Equal(1.1, document!["RATE"]!.GetValue<double>());
    }

    [Fact]
    public async Task Aggregate_BaseFiledUnderItsSourceKey_IsFoundByValue()
    {
        // The single view's key comes from the cast record ("USD|2024-01-01T00:00:00.000Z"); the store files the rate
        // under its raw key.
        var model = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("date-key")).Model!;
        var store = new KeyedResolver();
        var rate = Cast(model, "rates", """{"CURRENCY":"USD","DAY":"2024-01-01","RATE":1.1}""");
        store.Put("rates", "USD|2024-01-01", rate);
        var key = Keys.RecordKey.FromRecord(rate, ["CURRENCY", "DAY"]);

        var document = await AggregationEngine.AggregateAsync(model.SingleViews["rate-view"], key, store, Token);

        Assert.Equal(1.1, document!["RATE"]!.GetValue<double>());
    }

    [Fact]
    public async Task Aggregate_ManyJoinedRecordsWhoseParentsTheKeyMisses_FindThemByValue()
    {
        var store = new KeyedResolver();
        store.Put("products", "0007", RetailData.Product(7, "Notebook"));
        store.Put("products", "8", RetailData.Product(8, "Pen"));
        store.Put("order_items", "100|1", RetailData.Item(100, 1, 7));
        store.Put("order_items", "200|1", RetailData.Item(200, 1, 8));
        store.Put("order_items", "300|1", RetailData.Item(300, 1, 7));
        store.Put("orders", "0100", RetailData.Order(100, 1));
        store.Put("orders", "200", RetailData.Order(200, 2));

        var items = (await AggregationEngine.AggregateAsync(RetailData.Model.SingleViews["product-sales"], "7", store, Token))!["items"]!.AsArray();

        Assert.Equal([100L, 300L], items.Select(i => i!["ORDER_ID"]!.GetValue<long>()));
        Assert.Equal([1L, null], items.Select(i => i!["CUSTOMER_ID"]?.GetValue<long>()));
    }

    [Fact]
    public async Task Aggregate_DoubleForeignKeyEqualToALongKeyBeyondTheInt64Guard_FindsTheParentByValue()
    {
        _store.Put("customers", RetailData.Customer(1));
        _store.Put("orders", RetailData.Order(100, 1));
        var item = RetailData.Item(100, 1, 0);
        item["PRODUCT_ID"] = 9.21e18;
        _store.Put("order_items", item);
        _store.Put("products", RetailData.Product(9210000000000000000, "Big"));

        var document = await Aggregate("customer-360", "1");

        Assert.Equal("Big", document!["orders"]![0]!["items"]![0]!["PRODUCT_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task AffectedAsync_OrderFiledUnderItsSourceKey_IsFoundByValue()
    {
        var store = new KeyedResolver();
        store.Put("orders", "0100", RetailData.Order(100, 4));

        var affected = await RetailData.Model.Strategies.AffectedAsync("order_items", null, RetailData.Item(100, 1, 7), store, Token);

        Assert.Contains(new SingleViewKey("customer-360", "4"), affected);
    }

    private static JsonObject Cast(FastDataModel model, string projection, string json)
    {
        var cast = ProjectionRecordCaster.Cast(model.Projections[projection], (JsonObject)JsonNode.Parse(json)!);
        Assert.Empty(cast.Violations);
        return cast.Record;
    }
}
