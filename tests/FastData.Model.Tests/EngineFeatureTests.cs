using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>The documented aggregation features on the engine-features fixture (users, profiles, contacts).</summary>
public sealed class EngineFeatureTests
{
    private readonly FastDataModel _model;
    private readonly InMemoryResolver _store;

    public EngineFeatureTests()
    {
        var functions = new CustomFunctionRegistry().AddAggregationFunction("summary", context =>
        {
            var user = context.Dependencies["users"]!;
            var emails = context.Dependencies["ALL_EMAILS"]!.AsArray().Count;
            return $"{user["NAME"]} ({emails} email(s)) in {context.SingleViewName}/{context.SingleViewKey}";
        });
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("engine-features"), functions);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        _model = result.Model!;
        _store = new InMemoryResolver(_model);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SingleViewDefinition UserCard => _model.SingleViews["user-card"];

    private static JsonObject User(long id, string name, long? manager = null, JsonObject? profile = null) => new()
    {
        ["USER_ID"] = id,
        ["NAME"] = name,
        ["MANAGER_ID"] = manager,
        ["PROFILE"] = profile,
    };

    private static JsonObject Contact(long id, long user, string kind, string value, bool primary = false, string state = RecordStates.Public) => new()
    {
        ["CONTACT_ID"] = id,
        ["USER_ID"] = user,
        ["KIND"] = kind,
        ["VALUE"] = value,
        ["IS_PRIMARY"] = primary,
        [RecordStates.Field] = state,
    };

    private void SeedOrganisation()
    {
        _store.Put("users", User(1, "Grace", manager: 2, profile: new JsonObject { ["address"] = new JsonObject { ["city"] = "Arlington" } }));
        _store.Put("users", User(2, "Alan", manager: 3));
        _store.Put("users", User(3, "Ada"));
        _store.Put("users", User(4, "Linus", manager: 1));
        _store.Put("users", User(5, "Ken", manager: 1));
        _store.Put("user_profiles", new JsonObject { ["PROFILE_ID"] = "p-1", ["USER_REF"] = 1, ["BIO"] = "Compilers" });
        _store.Put("contacts", Contact(10, 1, "EMAIL", "grace@navy.mil"));
        _store.Put("contacts", Contact(11, 1, "EMAIL", "grace@old.example", state: RecordStates.Deleted));
        _store.Put("contacts", Contact(12, 1, "PHONE", "555-0100", primary: false));
        _store.Put("contacts", Contact(13, 1, "PHONE", "555-0199", primary: true));
        _store.Put("contacts", Contact(9, 1, "EMAIL", "hopper@example.com"));
        _store.Put("contacts", Contact(14, 4, "PHONE", "555-0400", primary: true));
    }

    private ValueTask<JsonObject?> Aggregate(string key) => AggregationEngine.AggregateAsync(UserCard, key, _store, Token);

    [Fact]
    public async Task Write_SameRecords_WritesTheSameBytesAsTheDocument()
    {
        SeedOrganisation();

        var first = await WriteAsync("1");
        var second = await WriteAsync("1");

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first), await Aggregate("1")));
        Assert.Equal((byte)'{', first[0]);
        Assert.Equal((byte)'}', first[^1]);
    }

    [Fact]
    public async Task Write_NoBaseRecord_WritesNothing()
    {
        SeedOrganisation();

        Assert.Null(await WriteAsync("404"));
        Assert.Null(await Aggregate("404"));
    }

    private async Task<byte[]?> WriteAsync(string key)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        var exists = await AggregationEngine.WriteAsync(UserCard, key, _store, writer, Token);
        await writer.FlushAsync(Token);
        Assert.Equal(exists, buffer.WrittenCount > 0);
        return exists ? buffer.WrittenSpan.ToArray() : null;
    }

    [Fact]
    public async Task Aggregate_IdentifierDependency_ReadsTheBaseRecord()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal(1, view!["id"]!.GetValue<long>());
        Assert.Equal("Grace", view["name"]!.GetValue<string>());
        Assert.Equal("Arlington", view["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregate_IdentifierQueryMapping_MatchesAnotherFieldName()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("Compilers", view!["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregate_AliasOf_ReadsTheSameProjectionUnderAnotherName()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("Alan", view!["manager"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregate_UseAlias_StartsTheConditionFromThatAlias()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("Ada", view!["managersManager"]!.GetValue<string>());
    }

    [Fact]
    public void Load_DependencyOrder_PutsListedDependenciesFirst()
    {
        var order = UserCard.Aggregation.Root.Dependencies.Select(d => d.Alias).Take(4);

        Assert.Equal(["users", "user_profiles", "MANAGER", "MANAGER_OF_MANAGER"], order);
    }

    [Fact]
    public async Task Aggregate_ConditionWithConstants_SelectsOnlyMatchingRecords()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("555-0199", view!["card"]!["phone"]!.GetValue<string>());
        Assert.Equal("Grace", view["card"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregate_JoinArray_SortedByKeyWithoutNonPublicRecords()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        var emails = view!["emails"]!.AsArray();
        Assert.Equal(["hopper@example.com", "grace@navy.mil"], emails.Select(e => e!["address"]!.GetValue<string>()));
        Assert.All(emails, e => Assert.Equal("Grace", e!["owner"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Aggregate_NestedJoinOnAlias_ResolvesFromTheJoinedRecord()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        var reports = view!["reports"]!.AsArray();
        Assert.Equal(["Linus", "Ken"], reports.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal("555-0400", reports[0]!["phone"]!.GetValue<string>());
        Assert.Null(reports[1]!["phone"]);
    }

    [Fact]
    public async Task Aggregate_Constants_AreMappedAsTyped()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("crm", view!["source"]!.GetValue<string>());
        Assert.Equal("old", view["legacy"]!.GetValue<string>());
        Assert.Equal(2, view["tier"]!.GetValue<long>());
        Assert.False(view["vip"]!.GetValue<bool>());
        Assert.Equal(3, view["schemaVersion"]!.GetValue<int>());
        Assert.True(view["active"]!.GetValue<bool>());
        Assert.True(view.ContainsKey("nothing"));
        Assert.Null(view["nothing"]);
    }

    [Fact]
    public async Task Aggregate_FromFileFunction_SeesTheDependencies()
    {
        SeedOrganisation();

        var view = await Aggregate("1");

        Assert.Equal("Grace (2 email(s)) in user-card/1", view!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregate_MissingOptionalDependencies_MapToNullAndEmpty()
    {
        _store.Put("users", User(3, "Ada"));

        var view = await Aggregate("3");

        Assert.NotNull(view);
        Assert.Null(view["manager"]);
        Assert.Null(view["bio"]);
        Assert.Null(view["city"]);
        Assert.Empty(view["emails"]!.AsArray());
    }

    [Fact]
    public async Task Aggregate_MissingBase_ReturnsNull()
    {
        SeedOrganisation();

        Assert.Null(await Aggregate("99"));
    }

    [Fact]
    public async Task Aggregate_Twice_GivesEqualDocuments()
    {
        SeedOrganisation();

        var first = await Aggregate("1");
        var second = await Aggregate("1");

        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task Aggregate_DoesNotShareOrMutateStoredRecords()
    {
        SeedOrganisation();
        var before = _store.Get("users", "1")!.ToJsonString();

        var view = await Aggregate("1");
        view!["card"]!["name"] = "changed";
        view["city"] = "changed";

        Assert.Equal(before, _store.Get("users", "1")!.ToJsonString());
    }

    [Fact]
    public async Task Affected_ContactChange_ReachesUserAndTheUsersManager()
    {
        SeedOrganisation();

        var affected = await _model.Strategies.AffectedAsync("contacts", null, Contact(14, 4, "PHONE", "555-0401", primary: true), _store, Token);

        // Contact of user 4: user 4's own card (phone, emails) and the card of 4's manager (reports[].phone).
        Assert.Equal(["1", "4"], affected.Select(k => k.Key).Order());
    }

    [Fact]
    public async Task Affected_UserChange_ReachesItselfItsReportsAndTheirReports()
    {
        SeedOrganisation();

        var affected = await _model.Strategies.AffectedAsync("users", null, _store.Get("users", "2"), _store, Token);

        // Alan (2) is the manager of 1 and the manager's manager of 4 and 5; he reports to 3.
        Assert.Equal(["1", "2", "3", "4", "5"], affected.Select(k => k.Key).Order());
    }

    [Fact]
    public async Task Affected_ProfileChange_UsesIdentifierQueryMapping()
    {
        var affected = await _model.Strategies.AffectedAsync("user_profiles", null,
            new JsonObject { ["PROFILE_ID"] = "p-7", ["USER_REF"] = 7, ["BIO"] = "x" }, _store, Token);

        Assert.Equal([new SingleViewKey("user-card", "7")], affected);
    }
}
