using System.Text.Json.Nodes;
using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Mapping;

public sealed class JsonBsonConverterTests
{
    private static readonly JsonBsonConverter Converter = new(new Dictionary<string, BsonFieldKind>
    {
        ["createdAt"] = BsonFieldKind.DateTime,
        ["amount"] = BsonFieldKind.Decimal128,
        ["qty"] = BsonFieldKind.Int64,
        ["code"] = BsonFieldKind.String,
        ["flag"] = BsonFieldKind.Boolean,
        ["ratio"] = BsonFieldKind.Double,
        ["small"] = BsonFieldKind.Int32,
        ["lines.shippedAt"] = BsonFieldKind.DateTime,
        ["stamps"] = BsonFieldKind.DateTime,
    });

    [Fact]
    public void ToBson_WithHints_ProducesTypedFields()
    {
        var json = JsonNode.Parse("""
            {"createdAt": "2026-01-02T03:04:05.678+01:00", "amount": 12.30, "qty": 3, "code": "A1", "flag": true,
             "ratio": 2, "small": 7, "auto": 5, "big": 5000000000, "real": 1.5, "text": "2026-01-01", "none": null,
             "lines": [{"shippedAt": "2026-02-03T00:00:00Z", "n": 1}], "stamps": ["2026-01-01T00:00:00Z", 1767225600000]}
            """)!.AsObject();

        var bson = Converter.ToBson(json);

        Assert.Equal(new BsonDateTime(new DateTime(2026, 1, 2, 2, 4, 5, 678, DateTimeKind.Utc)), bson["createdAt"]);
        Assert.Equal(BsonType.Decimal128, bson["amount"].BsonType);
        Assert.Equal(12.30m, bson["amount"].AsDecimal);
        Assert.Equal(BsonType.Int64, bson["qty"].BsonType);
        Assert.Equal(BsonType.String, bson["code"].BsonType);
        Assert.Equal(BsonType.Boolean, bson["flag"].BsonType);
        Assert.Equal(BsonType.Double, bson["ratio"].BsonType);
        Assert.Equal(BsonType.Int32, bson["small"].BsonType);
        Assert.Equal(BsonType.Int32, bson["auto"].BsonType);
        Assert.Equal(BsonType.Int64, bson["big"].BsonType);
        Assert.Equal(BsonType.Double, bson["real"].BsonType);
        Assert.Equal(BsonType.String, bson["text"].BsonType);
        Assert.Equal(BsonNull.Value, bson["none"]);
        Assert.Equal(BsonType.DateTime, bson["lines"][0]["shippedAt"].BsonType);
        Assert.Equal(BsonType.Int32, bson["lines"][0]["n"].BsonType);
        Assert.All(bson["stamps"].AsBsonArray, s => Assert.Equal(BsonType.DateTime, s.BsonType));
    }

    [Fact]
    public void ToJson_FromBson_RestoresJsonWithIsoDates()
    {
        var json = JsonNode.Parse("""{"createdAt": "2026-01-02T03:04:05.678Z", "qty": 3, "amount": 1.25, "lines": [{"n": 1}], "none": null}""")!.AsObject();

        var back = Converter.ToJson(Converter.ToBson(json));

        Assert.Equal("2026-01-02T03:04:05.678Z", back["createdAt"]!.GetValue<string>());
        Assert.Equal(3L, back["qty"]!.GetValue<long>());
        Assert.Equal(1.25m, back["amount"]!.GetValue<decimal>());
        Assert.Equal(1, back["lines"]![0]!["n"]!.GetValue<int>());
        Assert.Null(back["none"]);
        Assert.True(back.ContainsKey("none"));
    }

    [Fact]
    public void ToBson_ValuesBuiltFromClrObjects_ConvertLikeParsedOnes()
    {
        var json = new JsonObject
        {
            ["createdAt"] = new DateTime(2026, 7, 8, 9, 10, 11, DateTimeKind.Utc),
            ["amount"] = 10.5m,
            ["qty"] = 4,
            ["auto"] = 2.5m,
            ["code"] = "x",
        };

        var bson = Converter.ToBson(json);

        Assert.Equal(new BsonDateTime(new DateTime(2026, 7, 8, 9, 10, 11, DateTimeKind.Utc)), bson["createdAt"]);
        Assert.Equal(10.5m, bson["amount"].AsDecimal);
        Assert.Equal(BsonType.Int64, bson["qty"].BsonType);
        Assert.Equal(2.5, bson["auto"].AsDouble);
        Assert.Equal("x", bson["code"].AsString);
    }

    [Theory]
    [InlineData("{\"createdAt\": \"not a date\"}", "createdAt")]
    [InlineData("{\"createdAt\": true}", "createdAt")]
    [InlineData("{\"qty\": 1.5}", "qty")]
    [InlineData("{\"qty\": \"3\"}", "qty")]
    [InlineData("{\"small\": 5000000000}", "small")]
    [InlineData("{\"code\": 5}", "code")]
    [InlineData("{\"flag\": \"true\"}", "flag")]
    [InlineData("{\"lines\": [{\"shippedAt\": \"soon\"}]}", "lines.shippedAt")]
    public void ToBson_ValueNotFittingHint_ThrowsWithFieldPath(string json, string path)
    {
        var ex = Assert.Throws<MongoDocumentMappingException>(() => Converter.ToBson(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(path, ex.Path);
    }
}
