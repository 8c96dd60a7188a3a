using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class RecordFilterTests
{
    [Fact]
    public void Eq_Numbers_CompareByValueWhateverTheBacking()
    {
        var filter = RecordFilter.Eq("N", JsonValue.Create(7L));

        Assert.True(filter.Matches(new JsonObject { ["N"] = 7 }));
        Assert.True(filter.Matches(JsonNode.Parse("{\"N\":7.0}")!.AsObject()));
        Assert.False(filter.Matches(new JsonObject { ["N"] = "7" }));
        Assert.False(filter.Matches(new JsonObject()));
    }

    [Fact]
    public void Eq_Null_MatchesNullAndMissing()
    {
        var filter = RecordFilter.Eq("N", null);

        Assert.True(filter.Matches(new JsonObject { ["N"] = null }));
        Assert.True(filter.Matches(new JsonObject()));
        Assert.False(filter.Matches(new JsonObject { ["N"] = 0 }));
    }

    [Fact]
    public void AndOr_Combine_AndEmptyAndIsTrueEmptyOrIsFalse()
    {
        var record = new JsonObject { ["A"] = "x", ["B"] = true };

        Assert.True(RecordFilter.All(RecordFilter.Eq("A", "x"), RecordFilter.Eq("B", true)).Matches(record));
        Assert.False(RecordFilter.All(RecordFilter.Eq("A", "x"), RecordFilter.Eq("B", false)).Matches(record));
        Assert.True(RecordFilter.Any(RecordFilter.Eq("A", "y"), RecordFilter.Eq("B", true)).Matches(record));
        Assert.True(RecordFilter.All().Matches(record));
        Assert.False(RecordFilter.Any().Matches(record));
    }

    [Fact]
    public void Filters_WithEqualContent_AreEqual()
    {
        Assert.Equal(RecordFilter.All(RecordFilter.Eq("A", 1)), RecordFilter.All(RecordFilter.Eq("A", 1)));
        Assert.NotEqual(RecordFilter.Eq("A", 1), RecordFilter.Eq("A", 2));
        Assert.Equal("(A == 1 and B == \"x\")", RecordFilter.All(RecordFilter.Eq("A", 1), RecordFilter.Eq("B", "x")).ToString());
    }

    [Fact]
    public void ConditionFilters_ConstantsAndOr_ForwardAndReverse()
    {
        var model = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("engine-features"),
            new CustomFunctionRegistry().AddAggregationFunction("summary", _ => null)).Model!;
        Assert.True(model.ErSchema.TryGetCondition("user_to_any_contact", out var condition));

        var forward = ConditionFilters.Forward(condition, new JsonObject { ["USER_ID"] = 1 });
        Assert.Equal("(USER_ID == 1 and (KIND == \"EMAIL\" or KIND == \"PHONE\"))", forward!.ToString());

        var phone = new JsonObject { ["USER_ID"] = 1, ["KIND"] = "PHONE" };
        Assert.Equal("USER_ID == 1", ConditionFilters.Reverse(condition, phone)!.ToString());
        Assert.Null(ConditionFilters.Reverse(condition, new JsonObject { ["USER_ID"] = 1, ["KIND"] = "FAX" }));
        Assert.Null(ConditionFilters.Forward(condition, new JsonObject { ["USER_ID"] = null }));
    }
}
