using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FastData.Host.Tests;

/// <summary>A host without the sample feed, with records written straight into its record store.</summary>
public sealed class QueryHostFactory : FastDataHostFactory
{
    public QueryHostFactory()
    {
        With("FastData:SampleFeed:Enabled", "false");
        With("FastData:Api:MaxPageSize", "50");
        With("FastData:Api:DefaultPageSize", "20");
    }

    public async Task SeedAsync()
    {
        var store = Services.GetRequiredService<IRecordStore>();
        if (await store.ReadAsync("customers", "1", CancellationToken.None) is not null)
        {
            return;
        }

        string[] tiers = ["gold", "silver", "gold", "bronze", "gold"];
        for (var id = 1; id <= 5; id++)
        {
            var state = id == 5 ? "DELETED" : "PUBLIC";
            await store.WriteAsync("customers", $"{id}", new JsonObject
            {
                ["CUSTOMER_ID"] = id,
                ["EMAIL"] = $"c{id}@example.org",
                ["LOYALTY_TIER"] = tiers[id - 1],
                ["IS_ACTIVE"] = id != 2,
                ["CREATED_AT"] = $"2024-0{id}-01T00:00:00.000Z",
                ["__STATE__"] = state,
            }, 0, CancellationToken.None);
            await store.WriteAsync("customer-360", $"{id}", new JsonObject
            {
                ["CUSTOMER_ID"] = id,
                ["LOYALTY_TIER"] = tiers[id - 1],
                ["orders"] = new JsonArray(new JsonObject { ["ORDER_ID"] = id * 10, ["STATUS"] = id % 2 == 0 ? "shipped" : "open" }),
                ["createdAt"] = "2025-01-01T00:00:00.000Z",
            }, 0, CancellationToken.None);
        }
    }
}

public sealed class QueryTests(QueryHostFactory factory) : IClassFixture<QueryHostFactory>
{
    [Fact]
    public async Task List_EqualityFilter_ReturnsMatchingPublicRecordsByKey()
    {
        var items = await ListAsync("/api/projections/customers?LOYALTY_TIER=gold");

        // Customer 5 is gold too but soft-deleted.
        Assert.Equal(["1", "3"], items.Select(i => i["_id"]!.GetValue<string>()));
        Assert.False(items[0].ContainsKey("__STATE__"));
    }

    [Fact]
    public async Task List_JsonFilterSortLimitSkipProjection_AreApplied()
    {
        var filter = Uri.EscapeDataString("""{"$or":[{"CUSTOMER_ID":{"$gte":3}},{"IS_ACTIVE":false}]}""");

        var items = await ListAsync($"/api/projections/customers?_q={filter}&_s=-CUSTOMER_ID&_l=2&_sk=1&_p=EMAIL");

        Assert.Equal(["3", "2"], items.Select(i => i["_id"]!.GetValue<string>()));
        Assert.Equal(["_id", "EMAIL"], items[0].Select(p => p.Key));
    }

    [Fact]
    public async Task List_DateRange_ComparesAsDates()
    {
        var filter = Uri.EscapeDataString("""{"CREATED_AT":{"$gte":"2024-03-01T00:00:00Z","$lt":"2024-04-15T00:00:00+00:00"}}""");

        var items = await ListAsync($"/api/projections/customers?_q={filter}");

        Assert.Equal(["3", "4"], items.Select(i => i["_id"]!.GetValue<string>()));
        Assert.Equal("2024-03-01T00:00:00.000Z", items[0]["CREATED_AT"]!.GetValue<string>());
    }

    [Fact]
    public async Task SingleViewList_FilterOnArrayElementField_MatchesDocumentsWithSuchAnElement()
    {
        var items = await ListAsync("/api/single-views/customer-360?orders.STATUS=shipped&_s=CUSTOMER_ID");

        Assert.Equal(["2", "4"], items.Select(i => i["_id"]!.GetValue<string>()));
        Assert.Equal(20, items[0]["orders"]![0]!["ORDER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task Count_Filter_CountsMatches()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        var projection = await client.GetFromJsonAsync<JsonObject>("/api/projections/customers/count?IS_ACTIVE=true", TestContext.Current.CancellationToken);
        var singleView = await client.GetFromJsonAsync<JsonObject>("/api/single-views/customer-360/count", TestContext.Current.CancellationToken);

        Assert.Equal(3, projection!["count"]!.GetValue<long>());
        Assert.Equal(5, singleView!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task List_LimitAboveCap_IsLoweredToTheCap()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        var page = await client.GetFromJsonAsync<JsonObject>("/api/projections/customers?_l=100000", TestContext.Current.CancellationToken);

        Assert.Equal(50, page!["limit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("_q={\"$where\":\"sleep(1000)\"}", "_q", "filter.$where")]
    [InlineData("_q={\"EMAIL\":{\"$function\":{\"body\":\"x\"}}}", "_q", "filter.EMAIL.$function")]
    [InlineData("_q={\"EMAIL\":{\"$eq\":{\"$gt\":\"\"}}}", "_q", "filter.EMAIL.$eq")]
    [InlineData("_q={\"$or\":[{\"EMAIL\":\"a\"},{\"NOPE\":1}]}", "_q", "filter.$or[1].NOPE")]
    [InlineData("_q={\"CUSTOMER_ID\":\"three\"}", "_q", "filter.CUSTOMER_ID")]
    [InlineData("_q=not json", "_q", "filter")]
    [InlineData("NOPE=1", "NOPE", "equal.NOPE")]
    [InlineData("CUSTOMER_ID=abc", "CUSTOMER_ID", "equal.CUSTOMER_ID")]
    [InlineData("IS_ACTIVE=yes", "IS_ACTIVE", "equal.IS_ACTIVE")]
    [InlineData("_s=NOPE", "_s", "sort[0]")]
    [InlineData("_p=EMAIL,$where", "_p", "fields[1]")]
    [InlineData("_l=abc", "_l", "_l")]
    [InlineData("_l=0", "_l", "limit")]
    [InlineData("_sk=-1", "_sk", "skip")]
    [InlineData("_x=1", "_x", "_x")]
    [InlineData("EMAIL=a&EMAIL=b", "EMAIL", "EMAIL")]
    public async Task List_BadInput_Answers400NamingParameterAndPath(string query, string parameter, string path)
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        foreach (var endpoint in new[] { "/api/projections/customers", "/api/projections/customers/count" })
        {
            using var response = await client.GetAsync(new Uri($"{endpoint}?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await SecurityTests.ProblemAsync(response);
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
            Assert.Equal(path, problem.GetProperty("path").GetString());
        }
    }

    [Theory]
    [InlineData("/api/projections/no-such")]
    [InlineData("/api/projections/no-such/count")]
    [InlineData("/api/single-views/no-such")]
    [InlineData("/api/single-views/no-such/count")]
    public async Task List_UnknownName_Answers404Problem(string path)
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Configured:", (await SecurityTests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<JsonObject>> ListAsync(string path)
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body}");
        return [.. JsonNode.Parse(body)!["items"]!.AsArray().Select(i => i!.AsObject())];
    }
}
