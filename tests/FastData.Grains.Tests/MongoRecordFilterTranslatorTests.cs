using FastData.Grains.Storage;
using FastData.Model.Aggregation;
using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;

namespace FastData.Grains.Tests;

/// <summary>How record filters become MongoDB filters (the results are re-checked with Matches; these pin the shapes
/// that let MongoDB use its indexes).</summary>
public sealed class MongoRecordFilterTranslatorTests
{
    private static BsonFieldKind Kind(string field) => field == "ORDER_DATE" ? BsonFieldKind.DateTime : BsonFieldKind.Auto;

    [Fact]
    public void Translate_OrOfOneFieldsValues_GivesIn() =>
        Assert.Equal(
            BsonDocument.Parse("{ CUSTOMER_ID: { $in: [NumberLong(1), NumberLong(2)] } }"),
            MongoRecordFilterTranslator.Translate(RecordFilter.Any(RecordFilter.Eq("CUSTOMER_ID", 1), RecordFilter.Eq("CUSTOMER_ID", 2), RecordFilter.Eq("CUSTOMER_ID", 1)), Kind));

    [Fact]
    public void Translate_OrOfDifferentFields_GivesOr() =>
        Assert.Equal(
            BsonDocument.Parse("{ $or: [{ A: 'x' }, { B: 1.5 }] }"),
            MongoRecordFilterTranslator.Translate(RecordFilter.Any(RecordFilter.Eq("A", "x"), RecordFilter.Eq("B", 1.5)), Kind));

    [Fact]
    public void Translate_DateField_ComparesAsBsonDate() =>
        Assert.Equal(
            new BsonDocument("ORDER_DATE", new BsonDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
            MongoRecordFilterTranslator.Translate(RecordFilter.Eq("ORDER_DATE", "2026-01-01T00:00:00.000Z"), Kind));

    [Theory]
    [InlineData("not a date")]
    [InlineData(null)]
    public void Translate_DateFieldWithNonDate_MatchesNothingOrNull(string? value)
    {
        var translated = MongoRecordFilterTranslator.Translate(RecordFilter.All(RecordFilter.Eq("A", 1), RecordFilter.Eq("ORDER_DATE", value)), Kind);

        if (value is null)
        {
            Assert.Equal(BsonDocument.Parse("{ $and: [{ A: NumberLong(1) }, { ORDER_DATE: null }] }"), translated);
        }
        else
        {
            Assert.Null(translated);
        }
    }

    [Fact]
    public void Translate_EmptyOr_IsNoQuery_EmptyAnd_IsEverything()
    {
        Assert.Null(MongoRecordFilterTranslator.Translate(RecordFilter.Any(), Kind));
        Assert.Equal([], MongoRecordFilterTranslator.Translate(RecordFilter.All(), Kind));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$where")]
    [InlineData("_id")]
    public void Translate_FieldMongoDBReadsOtherwise_IsLeftToTheRecheck(string field) =>
        Assert.Equal([], MongoRecordFilterTranslator.Translate(RecordFilter.Eq(field, "x"), Kind));
}
