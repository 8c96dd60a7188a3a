using System.Text.Json.Nodes;
using FastData.Model.Configuration;
using FastData.Model.Keys;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class RecordKeyTests
{
    [Fact]
    public void Format_SingleInteger_IsPlainDigits()
    {
        Assert.Equal("42", RecordKey.Format(JsonValue.Create(42L)));
    }

    [Fact]
    public void Format_CompositeKey_JoinsWithPipe()
    {
        Assert.Equal("7|2", RecordKey.Format(JsonValue.Create(7), JsonValue.Create(2)));
    }

    [Fact]
    public void Format_ScalarKinds_RenderAsSpecified()
    {
        Assert.Equal("a b|1.5|true|false|-3|42", RecordKey.Format(
            JsonValue.Create("a b"), JsonValue.Create(1.5), JsonValue.Create(true), JsonValue.Create(false), JsonNode.Parse("-3"), JsonNode.Parse("42.0")));
    }

    [Fact]
    public void Format_SeparatorAndPercent_AreEscaped()
    {
        Assert.Equal("a%7Cb|100%25|%257C", RecordKey.Format(JsonValue.Create("a|b"), JsonValue.Create("100%"), JsonValue.Create("%7C")));
    }

    [Theory]
    [InlineData("a|b", "100%", "%7C")]
    [InlineData("", "|", "%%||")]
    [InlineData("plain", "x", "y")]
    public void Parse_FormattedParts_RoundTrips(string a, string b, string c)
    {
        var key = RecordKey.FormatParts([a, b, c]);

        Assert.Equal([a, b, c], RecordKey.Parse(key));
    }

    [Fact]
    public void Format_NullOrContainer_Throws()
    {
        Assert.Throws<ArgumentException>(() => RecordKey.Format(JsonValue.Create(1), null));
        Assert.Throws<ArgumentException>(() => RecordKey.Format(new JsonObject()));
    }

    [Fact]
    public void FromRecord_OrderItem_UsesDeclaredPrimaryKeyOrder()
    {
        var items = RetailData.Model.Projections["order_items"];
        var record = new JsonObject { ["LINE_NO"] = 2, ["PRODUCT_ID"] = 5, ["ORDER_ID"] = 7 };

        Assert.Equal("7|2", RecordKey.FromRecord(record, items.PrimaryKey));
    }

    [Fact]
    public void TryFromRecord_MissingKeyField_ExplainsWhich()
    {
        var ok = RecordKey.TryFromRecord(new JsonObject { ["ORDER_ID"] = 7 }, ["ORDER_ID", "LINE_NO"], out _, out var error);

        Assert.False(ok);
        Assert.Equal("key field 'LINE_NO' is missing", error);
    }

    [Fact]
    public void TryParseValues_TypedFields_GivesTypedValues()
    {
        var items = RetailData.Model.Projections["order_items"];

        Assert.True(RecordKey.TryParseValues("7|2", items.PrimaryKeyFields, out var values, out var error), error);

        Assert.Equal(7, values["ORDER_ID"]!.GetValue<long>());
        Assert.Equal(2, values["LINE_NO"]!.GetValue<long>());
        Assert.Equal("7|2", RecordKey.FromRecord(values, items.PrimaryKey));
    }

    [Fact]
    public void TryParseValues_WrongPartCountOrForm_Fails()
    {
        (string, FieldType)[] fields = [("A", FieldType.Integer), ("B", FieldType.Boolean)];

        Assert.False(RecordKey.TryParseValues("1", fields, out _, out var countError));
        Assert.Contains("1 part(s), 2 expected", countError, StringComparison.Ordinal);
        Assert.False(RecordKey.TryParseValues("x|true", fields, out _, out var formError));
        Assert.Contains("not an integer", formError, StringComparison.Ordinal);
        Assert.False(RecordKey.TryParseValues("1|yes", fields, out _, out _));
    }
}
