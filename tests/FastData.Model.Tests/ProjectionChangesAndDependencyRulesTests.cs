using FastData.Model.Configuration;
using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class ProjectionChangesAndDependencyRulesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProjectionChangesSchema_Path_ReplacesTheDerivedRoute()
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("projection-changes"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var strategies = result.Model!.Strategies;

        var route = Assert.Single(strategies.RoutesFor("order_items"), r => r.SingleViewName == "customer-360");
        Assert.True(route.IsOverride);
        Assert.Equal(["order_items", "orders"], route.Projections);
        // orders -> order_items (order_to_items) is declared, so the hop walks it backwards.
        Assert.True(Assert.Single(route.Hops).Reverse);

        var store = new InMemoryResolver(result.Model);
        store.Put("orders", RetailData.Order(100, 9));
        var affected = await strategies.AffectedAsync("order_items", null, RetailData.Item(100, 1, 7), store, Token);
        Assert.Contains(new SingleViewKey("customer-360", "9"), affected);
    }

    [Fact]
    public async Task ProjectionChangesSchema_FromFileIdentifier_CallsTheRegisteredStrategy()
    {
        var calls = 0;
        var functions = new CustomFunctionRegistry().AddStrategy("itemsToProducts", context =>
        {
            calls++;
            Assert.Equal("order_items", context.Projection);
            IReadOnlyList<System.Text.Json.Nodes.JsonObject> identifiers = [new() { ["PRODUCT_ID"] = context.Record["PRODUCT_ID"]!.DeepClone() }];
            return ValueTask.FromResult(identifiers);
        });
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("projection-changes-function"), functions);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var store = new InMemoryResolver(result.Model!);
        store.Put("order_items", RetailData.Item(100, 1, 7));
        store.Put("order_items", RetailData.Item(100, 2, 8));

        var affected = await result.Model!.Strategies.AffectedAsync("orders", null, RetailData.Order(100, 1), store, Token);

        Assert.Equal(2, calls);
        Assert.Equal(
            [new SingleViewKey("customer-360", "1"), new SingleViewKey("product-sales", "7"), new SingleViewKey("product-sales", "8")],
            affected.OrderBy(k => k.SingleViewName).ThenBy(k => k.Key));
    }

    [Fact]
    public void ProjectionChangesSchema_UnknownStrategyFunction_IsReported()
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("projection-changes-function"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.config.product-sales.paths[0].identifier", error.JsonPath);
        Assert.Contains("unknown strategy function 'itemsToProducts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectionChangesSchema_Broken_ReportsEachProblem()
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("projection-changes-broken"));

        const string file = "projectionChangesSchema.json";
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.customer-999" && e.Message.Contains("unknown single view", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.customer-360.paths[0].path[1]" && e.Message.Contains("no ER condition relates 'addresses' and 'products'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.customer-360.paths[1].identifier" && e.Message.Contains("no field 'CUSTOMER_REF'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.customer-360.paths[0]" && e.Message.Contains("'products' has no field 'CUSTOMER_ID'", StringComparison.Ordinal));
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void Load_BadDependencies_ReportsEveryOne()
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("bad-dependencies"));
        const string file = "singleViews/sv-people/aggregation.json";
        var all = string.Join(Environment.NewLine, result.Errors);

        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.dependencies.OWNER.aliasOf" && e.Message.Contains("unknown projection 'owners'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.dependencies.BACK.on" && e.Message.Contains("relates 'people' to 'pets', not to 'people'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.dependencies.FROM_NOWHERE.useAlias" && e.Message.Contains("'GHOST'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.dependencies.EXTRA.where" && e.Message.Contains("unknown key 'where'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.UNUSED" && e.Message.Contains("is not used", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.mapping.label" && e.Message.Contains("names no dependency or config", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == file && e.JsonPath == "$.config.SV_CONFIG.dependencyOrder[1]" && e.Message.Contains("'NOBODY' is not a dependency", StringComparison.Ordinal));
        Assert.True(result.Errors.Count == 7, all);
        Assert.All(result.Errors, e => Assert.NotNull(e.Line));
    }
}
