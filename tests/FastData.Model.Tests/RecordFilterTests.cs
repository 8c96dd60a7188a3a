using System.Text.Json;
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

    [Fact]
    public void Eq_ValueHeldAsAnotherTypeWrittenAsString_FiltersAsItsJsonString()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

        var byGuid = RecordFilter.Eq("ID", JsonValue.Create(id));
        var byDate = RecordFilter.Eq("AT", JsonValue.Create(at));

        Assert.True(byGuid.Matches(new JsonObject { ["ID"] = id.ToString() }));
        Assert.True(byDate.Matches(new JsonObject { ["AT"] = JsonSerializer.Serialize(at).Trim('"') }));
        Assert.False(byGuid.Matches(new JsonObject { ["ID"] = Guid.Empty.ToString() }));
    }

    [Theory]
    [InlineData("1E+16", 10000000000000000L, true)]
    [InlineData("1E+16", 10000000000000001L, false)]
    [InlineData("7.0", 7L, true)]
    [InlineData("-0.0", 0L, true)]
    public void NodeAndElementFilters_OfOneValue_AgreeOnKeyEqualityAndMatches(string number, long stored, bool matches)
    {
        var element = JsonElement.Parse(number);
        var fromElement = new FieldEqualsFilter("N", element);
        var fromNode = (FieldEqualsFilter)RecordFilter.Eq("N", JsonValue.Create(element.GetDouble()));
        var record = new JsonObject { ["N"] = stored };

        Assert.Equal(fromElement.EqualityKey, fromNode.EqualityKey);
        Assert.Equal(fromElement, fromNode);
        Assert.Equal(fromElement.GetHashCode(), fromNode.GetHashCode());
        Assert.Equal(matches, fromElement.Matches(record));
        Assert.Equal(matches, fromNode.Matches(record));
    }

    [Fact]
    public void Eq_FromARecordValue_MakesItsElementOnlyWhenAsked()
    {
        var record = new JsonObject { ["A"] = 7L, ["B"] = "x\"y", ["C"] = new JsonObject { ["k"] = 1 } };

        var number = (FieldEqualsFilter)RecordFilter.Eq("A", record["A"]);
        var text = (FieldEqualsFilter)RecordFilter.Eq("B", record["B"]);
        var container = (FieldEqualsFilter)RecordFilter.Eq("C", record["C"]);

        Assert.Equal("A == 7", number.ToString());
        Assert.Equal(7, number.Value.GetInt64());
        Assert.Equal(JsonValueKind.Number, number.ValueKind);
        Assert.Equal("x\"y", text.Value.GetString());
        Assert.True(text.Matches(record));
        Assert.True(container.Matches(record));
        record["C"]!["k"] = 2;
        Assert.False(container.Matches(record));
        Assert.Equal(1, container.Value.GetProperty("k").GetInt32());
    }
}
