using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Queries;

public sealed class ReadModelQueryTranslatorTests
{
    internal static readonly ReadModelSchema Schema = new(new Dictionary<string, ReadModelFieldType>
    {
        ["name"] = ReadModelFieldType.String,
        ["age"] = ReadModelFieldType.Integer,
        ["score"] = ReadModelFieldType.Number,
        ["active"] = ReadModelFieldType.Boolean,
        ["createdAt"] = ReadModelFieldType.Date,
        ["address"] = ReadModelFieldType.Object,
        ["tags"] = ReadModelFieldType.Array,
        ["__STATE__"] = ReadModelFieldType.String,
    });

    private static TranslatedReadModelQuery Filter(string json) => ReadModelQueryTranslator.Translate(new ReadModelQuery { Filter = json }, Schema);

    [Theory]
    [InlineData("{\"secret\": 1}", "filter.secret")]
    [InlineData("{\"$where\": \"this.a > 1\"}", "filter.$where")]
    [InlineData("{\"$expr\": {\"$gt\": [\"$age\", 1]}}", "filter.$expr")]
    [InlineData("{\"$function\": {\"body\": \"x\", \"args\": [], \"lang\": \"js\"}}", "filter.$function")]
    [InlineData("{\"$nor\": [{\"age\": 1}]}", "filter.$nor")]
    [InlineData("{\"$text\": {\"$search\": \"x\"}}", "filter.$text")]
    [InlineData("{\"$comment\": \"x\"}", "filter.$comment")]
    [InlineData("{\"name\": {\"$regex\": \"^a\"}}", "filter.name.$regex")]
    [InlineData("{\"age\": {\"$where\": \"1\"}}", "filter.age.$where")]
    [InlineData("{\"age\": {\"$expr\": 1}}", "filter.age.$expr")]
    [InlineData("{\"tags\": {\"$elemMatch\": {\"a\": 1}}}", "filter.tags.$elemMatch")]
    [InlineData("{\"age\": {\"$not\": {\"$gt\": 1}}}", "filter.age.$not")]
    [InlineData("{\"age\": {\"$type\": \"int\"}}", "filter.age.$type")]
    [InlineData("{\"age\": {\"$mod\": [2, 0]}}", "filter.age.$mod")]
    [InlineData("{\"address\": {\"city\": \"x\"}}", "filter.address.city")]
    [InlineData("{\"name\": {\"$eq\": {\"$where\": \"1\"}}}", "filter.name.$eq")]
    [InlineData("{\"name\": {\"$in\": [{\"$gt\": 1}]}}", "filter.name.$in[0]")]
    [InlineData("{\"name\": {\"$in\": [[\"a\"]]}}", "filter.name.$in[0]")]
    [InlineData("{\"name\": {\"$in\": \"a\"}}", "filter.name.$in")]
    [InlineData("{\"name\": {\"$nin\": 3}}", "filter.name.$nin")]
    [InlineData("{\"name\": {\"$exists\": \"yes\"}}", "filter.name.$exists")]
    [InlineData("{\"name\": {}}", "filter.name")]
    [InlineData("{\"name\": [\"a\", \"b\"]}", "filter.name")]
    [InlineData("{\"name\": 5}", "filter.name")]
    [InlineData("{\"age\": \"5\"}", "filter.age")]
    [InlineData("{\"age\": 5.5}", "filter.age")]
    [InlineData("{\"age\": {\"$gt\": null}}", "filter.age.$gt")]
    [InlineData("{\"score\": \"high\"}", "filter.score")]
    [InlineData("{\"active\": 1}", "filter.active")]
    [InlineData("{\"createdAt\": {\"$gte\": \"yesterday\"}}", "filter.createdAt.$gte")]
    [InlineData("{\"createdAt\": 1700000000}", "filter.createdAt")]
    [InlineData("{\"$and\": []}", "filter.$and")]
    [InlineData("{\"$and\": {\"age\": 1}}", "filter.$and")]
    [InlineData("{\"$or\": [1]}", "filter.$or[0]")]
    [InlineData("{\"$or\": [{\"age\": 1}, {\"unknown\": 2}]}", "filter.$or[1].unknown")]
    [InlineData("{\"$and\": [{\"$or\": [{\"name\": {\"$where\": \"x\"}}]}]}", "filter.$and[0].$or[0].name.$where")]
    [InlineData("{\"address.$where\": 1}", "filter.address.$where")]
    [InlineData("{\"address..city\": 1}", "filter.address..city")]
    [InlineData("{\".name\": 1}", "filter..name")]
    [InlineData("{\"\": 1}", "filter.")]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}", "filter.name")]
    [InlineData("{\"age\": {\"$gt\": 1, \"$gt\": 2}}", "filter.age.$gt")]
    [InlineData("{\"name\": \"a\"", "filter")]
    [InlineData("[{\"name\": \"a\"}]", "filter")]
    [InlineData("\"name\"", "filter")]
    [InlineData("{\"name\": \"a\",}", "filter")]
    [InlineData("{/*c*/\"name\": \"a\"}", "filter")]
    [InlineData("{\"score\": 1e400}", "filter.score")]
    public void Translate_RejectedFilter_ThrowsWithOffendingPath(string filter, string expectedPath)
    {
        var ex = Assert.Throws<ReadModelQueryException>(() => Filter(filter));
        Assert.Equal(expectedPath, ex.Path);
        Assert.Contains(expectedPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_FilterNestedTooDeep_IsRejected()
    {
        var filter = "{\"age\": 1}";
        for (var i = 0; i < 9; i++)
        {
            filter = $"{{\"$and\": [{filter}]}}";
        }

        var ex = Assert.Throws<ReadModelQueryException>(() => Filter(filter));
        Assert.StartsWith("filter.$and[0]", ex.Path, StringComparison.Ordinal);
        Assert.Contains("deeper", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_InListTooLong_IsRejected()
    {
        var values = string.Join(',', Enumerable.Range(0, 501));
        var ex = Assert.Throws<ReadModelQueryException>(() => Filter($"{{\"age\": {{\"$in\": [{values}]}}}}"));
        Assert.Equal("filter.age.$in", ex.Path);
    }

    [Fact]
    public void Translate_FilterTooLong_IsRejected()
    {
        var ex = Assert.Throws<ReadModelQueryException>(() => Filter($"{{\"name\": \"{new string('x', 20_000)}\"}}"));
        Assert.Equal("filter", ex.Path);
    }

    [Theory]
    [InlineData("secret", "x", "equal.secret")]
    [InlineData("$where", "1", "equal.$where")]
    [InlineData("address.$gt", "1", "equal.address.$gt")]
    [InlineData("age", "five", "equal.age")]
    [InlineData("age", "1.5", "equal.age")]
    [InlineData("score", "NaN", "equal.score")]
    [InlineData("active", "yes", "equal.active")]
    [InlineData("createdAt", "not-a-date", "equal.createdAt")]
    [InlineData("address", "x", "equal.address")]
    public void Translate_RejectedEqualityFilter_ThrowsWithOffendingPath(string field, string value, string expectedPath)
    {
        var ex = Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Equal = new Dictionary<string, string> { [field] = value } }, Schema));
        Assert.Equal(expectedPath, ex.Path);
    }

    [Fact]
    public void Translate_SortOnUndeclaredField_IsRejected()
        => Assert.Equal("sort[1]", Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Sort = [new ReadModelSort("age"), new ReadModelSort("secret")] }, Schema)).Path);

    [Fact]
    public void Translate_SortTwiceOnSameField_IsRejected()
        => Assert.Equal("sort[1]", Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Sort = [new ReadModelSort("age"), new ReadModelSort("age", true)] }, Schema)).Path);

    [Fact]
    public void Translate_SortOnOperatorName_IsRejected()
        => Assert.Equal("sort[0]", Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Sort = [new ReadModelSort("$natural")] }, Schema)).Path);

    [Theory]
    [InlineData("secret")]
    [InlineData("$where")]
    [InlineData("name.$")]
    public void Translate_ProjectionOfUndeclaredOrInvalidField_IsRejected(string field)
        => Assert.Equal("fields[1]", Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Fields = ["name", field] }, Schema)).Path);

    [Fact]
    public void Translate_ProjectionOfOverlappingPaths_IsRejected()
        => Assert.Equal("fields[1]", Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Fields = ["address", "address.city"] }, Schema)).Path);

    [Theory]
    [InlineData(0, 0, "limit")]
    [InlineData(-5, 0, "limit")]
    [InlineData(10, -1, "skip")]
    [InlineData(10, 100_001, "skip")]
    public void Translate_InvalidPaging_IsRejected(int limit, int skip, string expectedPath)
        => Assert.Equal(expectedPath, Assert.Throws<ReadModelQueryException>(() => ReadModelQueryTranslator.Translate(
            new ReadModelQuery { Limit = limit, Skip = skip }, Schema)).Path);

    [Fact]
    public void Translate_LimitAboveCap_IsLoweredToCapAndDefaultApplies()
    {
        Assert.Equal(500, ReadModelQueryTranslator.Translate(new ReadModelQuery { Limit = 10_000 }, Schema).Limit);
        Assert.Equal(100, ReadModelQueryTranslator.Translate(new ReadModelQuery(), Schema).Limit);
        Assert.Equal(7, ReadModelQueryTranslator.Translate(new ReadModelQuery { Limit = 50 }, Schema, new ReadModelQueryLimits { MaxLimit = 7 }).Limit);
    }

    [Fact]
    public void Translate_AllowedOperators_ProduceTypedMongoFilter()
    {
        var translated = Filter("""
            {"$or": [
                {"name": "ann", "age": {"$gte": 18, "$lt": 65}},
                {"score": {"$ne": 1.5}, "active": true},
                {"createdAt": {"$gt": "2026-01-02T03:04:05Z"}},
                {"tags": {"$in": ["a", "b"]}, "address.city": {"$nin": ["x"]}},
                {"name": null, "age": {"$exists": false}},
                {"$and": [{"__STATE__": {"$eq": "PUBLIC"}}, {"_id": "k1"}]}
            ]}
            """);

        var or = translated.Filter["$or"].AsBsonArray;
        Assert.Equal(6, or.Count);
        Assert.Equal(new BsonDocument { { "name", "ann" }, { "age", new BsonDocument { { "$gte", 18L }, { "$lt", 65L } } } }, or[0]);
        Assert.Equal(BsonType.Int64, or[0]["age"]["$gte"].BsonType);
        Assert.Equal(BsonType.Double, or[1]["score"]["$ne"].BsonType);
        Assert.Equal(new BsonDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), or[2]["createdAt"]["$gt"]);
        Assert.Equal(new BsonArray { "a", "b" }, or[3]["tags"]["$in"]);
        Assert.Equal(BsonNull.Value, or[4]["name"]);
        Assert.Equal(BsonBoolean.False, or[4]["age"]["$exists"]);
        Assert.Equal("k1", or[5]["$and"][1]["_id"].AsString);
    }

    [Fact]
    public void Translate_EqualityAndJsonFilter_AreCombinedWithAnd()
    {
        var translated = ReadModelQueryTranslator.Translate(new ReadModelQuery
        {
            Equal = new Dictionary<string, string> { ["__STATE__"] = "PUBLIC", ["age"] = "42", ["active"] = "true", ["createdAt"] = "2026-05-06" },
            Filter = "{\"score\": {\"$gt\": 2}}",
            Sort = [new ReadModelSort("age", Descending: true), new ReadModelSort("name")],
            Fields = ["name", "address.city"],
            Limit = 20,
            Skip = 40,
        }, Schema);

        var and = translated.Filter["$and"].AsBsonArray;
        Assert.Equal(new BsonInt64(42), and[0]["age"]);
        Assert.Equal(BsonBoolean.True, and[0]["active"]);
        Assert.Equal(BsonType.DateTime, and[0]["createdAt"].BsonType);
        Assert.Equal(new BsonDocument("score", new BsonDocument("$gt", 2L)), and[1]);
        Assert.Equal(new BsonDocument { { "age", -1 }, { "name", 1 } }, translated.Sort);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "name", 1 }, { "address.city", 1 } }, translated.Projection);
        Assert.Equal((20, 40), (translated.Limit, translated.Skip));
    }

    [Fact]
    public void Translate_EmptyQuery_MatchesEverything()
    {
        var translated = ReadModelQueryTranslator.Translate(new ReadModelQuery(), Schema);
        Assert.Equal(new BsonDocument(), translated.Filter);
        Assert.Null(translated.Sort);
        Assert.Null(translated.Projection);
    }

    [Fact]
    public void Translate_StringValueStartingWithDollar_IsALiteral()
    {
        // Outside $expr a '$' in a value is plain data, so it is safe to pass through.
        var translated = Filter("{\"name\": \"$where\"}");
        Assert.Equal("$where", translated.Filter["name"].AsString);
    }
}
