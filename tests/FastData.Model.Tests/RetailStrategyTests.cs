using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class RetailStrategyTests
{
    private readonly InMemoryResolver _store = new(RetailData.Model);

    private static SingleViewStrategies Strategies => RetailData.Model.Strategies;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void RoutesFor_Products_WalkItemsToOrdersForCustomer360AndAreTheirOwnKeyForProductSales()
    {
        var routes = Strategies.RoutesFor("products").Select(r => r.ToString()).Order().ToArray();

        Assert.Equal(
            ["customer-360: products -> order_items -> orders", "product-sales: products"],
            routes);
    }

    [Fact]
    public void RoutesFor_Orders_ReachBothSingleViews()
    {
        var routes = Strategies.RoutesFor("orders").Select(r => r.ToString()).Order().ToArray();

        Assert.Equal(["customer-360: orders", "product-sales: orders -> order_items"], routes);
    }

    [Fact]
    public async Task AffectedAsync_ProductChange_YieldsEveryCustomerWhoOrderedIt()
    {
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("order_items", RetailData.Item(200, 1, 7));
        _store.Put("order_items", RetailData.Item(300, 1, 8));
        _store.Put("orders", RetailData.Order(100, 1));
        _store.Put("orders", RetailData.Order(200, 2));
        _store.Put("orders", RetailData.Order(300, 3));
        var product = RetailData.Product(7, "Notebook");

        var affected = await Strategies.AffectedAsync("products", null, product, _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "1"), new SingleViewKey("customer-360", "2"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public async Task AffectedAsync_PopularProduct_BatchesLookupsPerHop()
    {
        for (var order = 1; order <= 300; order++)
        {
            _store.Put("order_items", RetailData.Item(order, 1, 7));
            _store.Put("orders", RetailData.Order(order, 1000 + order));
        }

        var affected = await Strategies.AffectedAsync("products", null, RetailData.Product(7, "Bestseller"), _store, Token);

        Assert.Equal(301, affected.Count);
        Assert.Contains(new SingleViewKey("customer-360", "1300"), affected);
        // One query for the items of the product, then the 300 orders read by key in one batch.
        Assert.Equal(1, _store.Finds);
        Assert.Equal([("orders", 300)], _store.GotMany);
    }

    [Fact]
    public async Task AffectedAsync_OrderMovedToAnotherCustomer_YieldsOldAndNewCustomer()
    {
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        var before = RetailData.Order(100, 1);
        var after = RetailData.Order(100, 2);

        var affected = await Strategies.AffectedAsync("orders", before, after, _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "1"), new SingleViewKey("customer-360", "2"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public async Task AffectedAsync_UpdateKeepingWhatTheRoutesStartFrom_WalksFromTheNewVersionOnly()
    {
        // A quantity change: the item's order (read by key on the way to its customer) is read once, not once per version.
        var alone = new InMemoryResolver(RetailData.Model);
        foreach (var store in new[] { _store, alone })
        {
            store.Put("orders", RetailData.Order(100, 4));
        }

        var before = RetailData.Item(100, 1, 7);
        var after = RetailData.Item(100, 1, 7);
        after["QUANTITY"] = 5;

        var affected = await Strategies.AffectedAsync("order_items", before, after, _store, Token);
        var fromAfterAlone = await Strategies.AffectedAsync("order_items", null, after, alone, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "4"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
        Assert.Equal(fromAfterAlone.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key), affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
        Assert.Equal(alone.FoundIn, _store.FoundIn);
        Assert.Equal(alone.GotIn, _store.GotIn);
        Assert.Equal(alone.GotMany, _store.GotMany);
    }

    [Fact]
    public async Task AffectedAsync_ItemMovedToAnotherProduct_YieldsBothProducts()
    {
        _store.Put("orders", RetailData.Order(100, 4));
        var before = RetailData.Item(100, 1, 7);
        var after = RetailData.Item(100, 1, 8);

        var affected = await Strategies.AffectedAsync("order_items", before, after, _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "4"), new SingleViewKey("product-sales", "7"), new SingleViewKey("product-sales", "8")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public async Task AffectedAsync_DeletedItem_UsesBeforeImage()
    {
        _store.Put("orders", RetailData.Order(100, 4));

        var affected = await Strategies.AffectedAsync("order_items", RetailData.Item(100, 1, 7), null, _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "4"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public async Task AffectedAsync_ItemOfSoftDeletedOrder_ReadsTheOrderByKeyAndReachesItsCustomer()
    {
        _store.Put("orders", RetailData.Order(100, 4, state: Aggregation.RecordStates.Deleted));

        var affected = await Strategies.AffectedAsync("order_items", null, RetailData.Item(100, 1, 7), _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "4"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
        Assert.Equal(0, _store.Finds);
    }

    [Fact]
    public async Task AffectedAsync_OrphanItem_YieldsOnlyItsProduct()
    {
        var affected = await Strategies.AffectedAsync("order_items", null, RetailData.Item(999, 1, 7), _store, Token);

        Assert.Equal([new SingleViewKey("product-sales", "7")], affected);
    }

    [Fact]
    public async Task AffectedAsync_CustomerChange_YieldsItsOwnKey()
    {
        var affected = await Strategies.AffectedAsync("customers", null, RetailData.Customer(42), _store, Token);

        Assert.Equal([new SingleViewKey("customer-360", "42")], affected);
    }

    [Fact]
    public void QueryIndexes_CoverForeignKeysOfTheErConditions()
    {
        var indexes = RetailData.Model.QueryIndexes.Select(i => $"{i.Projection}:{string.Join(",", i.Fields)}").Order().ToArray();

        Assert.Equal(["addresses:CUSTOMER_ID", "order_items:ORDER_ID", "order_items:PRODUCT_ID", "orders:CUSTOMER_ID"], indexes);
    }
}
