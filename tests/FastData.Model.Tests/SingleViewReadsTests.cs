using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>Which projection fields a single view reads, and the changes the strategies may therefore leave out.</summary>
public sealed class SingleViewReadsTests
{
    private readonly InMemoryResolver _store = new(RetailData.Model);

    private static SingleViewReads Reads => RetailData.Model.Reads;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void FieldsRead_Retail_AreTheMappedConditionAndKeyFields()
    {
        Assert.Equal(["NAME", "PRODUCT_ID", "SKU"], Reads.FieldsRead("customer-360", "products"));
        Assert.Equal(["CATEGORY", "NAME", "PRICE", "PRODUCT_ID", "SKU"], Reads.FieldsRead("product-sales", "products"));
        Assert.Equal(
            ["CREATED_AT", "CUSTOMER_ID", "EMAIL", "FIRST_NAME", "IS_ACTIVE", "LAST_NAME", "LOYALTY_TIER", "PHONE"],
            Reads.FieldsRead("customer-360", "customers"));
        Assert.Equal(["CUSTOMER_ID", "ORDER_DATE", "ORDER_ID", "STATUS"], Reads.FieldsRead("product-sales", "orders"));
    }

    [Fact]
    public void FieldsRead_ProjectionTheAggregationDoesNotRead_IsNullSoEveryChangeCounts()
    {
        Assert.Null(Reads.FieldsRead("product-sales", "customers"));
        Assert.True(Reads.MayChange("product-sales", "customers", RetailData.Customer(1), RetailData.Customer(1)));
    }

    [Fact]
    public void MayChange_InsertOrDelete_IsTrue()
    {
        Assert.True(Reads.MayChange("customer-360", "products", null, RetailData.Product(7, "Pen")));
        Assert.True(Reads.MayChange("customer-360", "products", RetailData.Product(7, "Pen"), null));
    }

    [Fact]
    public void MayChange_SoftDeleteOrRevival_IsTrue()
    {
        var live = RetailData.Product(7, "Pen");
        var deleted = RetailData.Product(7, "Pen", RecordStates.Deleted);

        Assert.True(Reads.MayChange("customer-360", "products", live, deleted));
        Assert.True(Reads.MayChange("customer-360", "products", deleted, live));
    }

    [Fact]
    public void MayChange_BothVersionsSoftDeleted_IsFalse()
    {
        Assert.False(Reads.MayChange("customer-360", "products",
            RetailData.Product(7, "Pen", RecordStates.Deleted), RetailData.Product(7, "Pencil", RecordStates.Deleted)));
    }

    [Fact]
    public void MayChange_FieldNotRead_IsFalseOnlyForTheSingleViewThatIgnoresIt()
    {
        var before = RetailData.Product(7, "Pen");
        var after = RetailData.Product(7, "Pen");
        after["PRICE"] = 9.99;

        Assert.False(Reads.MayChange("customer-360", "products", before, after));
        Assert.True(Reads.MayChange("product-sales", "products", before, after));
    }

    [Fact]
    public void MayChange_FieldAppearsOrGoes_IsTrue()
    {
        var before = RetailData.Customer(1);
        var after = RetailData.Customer(1);
        after.Remove("PHONE");

        Assert.True(Reads.MayChange("customer-360", "customers", before, after));
        Assert.True(Reads.MayChange("customer-360", "customers", after, before));
    }

    [Fact]
    public void MayChange_FieldOnlyJoinedOn_IsTrue()
    {
        // customer-360 maps neither orders.CUSTOMER_ID nor addresses.CUSTOMER_ID: its ER conditions join on them.
        Assert.DoesNotContain("CUSTOMER_ID", RetailData.Model.SingleViews["customer-360"].Aggregation.Configs["ORDERS"].Mapping.Properties.Select(p => p.Key));
        Assert.True(Reads.MayChange("customer-360", "orders", RetailData.Order(1, 1), RetailData.Order(1, 2)));
        Assert.True(Reads.MayChange("customer-360", "addresses", RetailData.Address(1, 1), RetailData.Address(1, 2)));
    }

    [Fact]
    public async Task AffectedAsync_PriceUpdate_ReachesProductSalesButNoCustomer()
    {
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("orders", RetailData.Order(100, 1));
        var before = RetailData.Product(7, "Pen");
        var after = RetailData.Product(7, "Pen");
        after["PRICE"] = 9.99;

        var affected = await RetailData.Model.Strategies.AffectedAsync("products", before, after, _store, Token);

        Assert.Equal([new SingleViewKey("product-sales", "7")], affected);
        // customer-360's route was not walked at all: no lookup of the product's items.
        Assert.Equal(0, _store.Finds);
    }

    [Fact]
    public async Task AffectedAsync_NoBeforeImage_NamesEveryKeyTheRecordReaches()
    {
        _store.Put("order_items", RetailData.Item(100, 1, 7));
        _store.Put("orders", RetailData.Order(100, 1));

        var affected = await RetailData.Model.Strategies.AffectedAsync("products", null, RetailData.Product(7, "Pen"), _store, Token);

        Assert.Equal(
            [new SingleViewKey("customer-360", "1"), new SingleViewKey("product-sales", "7")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public void MayChange_SingleViewWithAFunction_IsTrueForAnyField()
    {
        var functions = new CustomFunctionRegistry().AddAggregationFunction("summary", _ => "x");
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("engine-features"), functions);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var reads = result.Model!.Reads;
        var before = new System.Text.Json.Nodes.JsonObject { ["USER_ID"] = 1, ["NAME"] = "Grace", ["UNMAPPED"] = 1, [RecordStates.Field] = RecordStates.Public };
        var after = new System.Text.Json.Nodes.JsonObject { ["USER_ID"] = 1, ["NAME"] = "Grace", ["UNMAPPED"] = 2, [RecordStates.Field] = RecordStates.Public };

        Assert.Null(reads.FieldsRead("user-card", "users"));
        Assert.True(reads.MayChange("user-card", "users", before, after));
    }
}
