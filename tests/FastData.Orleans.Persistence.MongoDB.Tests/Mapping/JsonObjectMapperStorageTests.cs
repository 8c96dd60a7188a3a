using System.Text.Json.Nodes;
using MongoDB.Bson;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Mapping;

public sealed class JsonObjectMapperStorageTests
{
    [Fact]
    public async Task Write_JsonObjectState_StoresTypedDocumentInCollectionChosenByMapper()
    {
        // A projection-style placement: grain key "orders/42" -> collection "orders", _id "42".
        var mapper = new JsonObjectDocumentMapper(
            (_, grainId) =>
            {
                var key = grainId.Key.ToString()!;
                var slash = key.IndexOf('/');
                return new MongoDocumentKey(key[..slash], key[(slash + 1)..]);
            },
            new JsonBsonConverter(new Dictionary<string, BsonFieldKind> { ["createdAt"] = BsonFieldKind.DateTime, ["total"] = BsonFieldKind.Decimal128 }));
        await using var harness = StorageHarness.Create(o => o.AddDocumentMapper(mapper));
        var grain = GrainId.Create("projection", "orders/42");
        var state = StorageHarness.NewState(JsonNode.Parse("""{"ORDER_ID": 42, "total": 9.99, "createdAt": "2026-04-05T06:07:08Z", "__STATE__": "PUBLIC"}""")!.AsObject());

        await harness.Storage.WriteStateAsync("state", grain, state, TestContext.Current.CancellationToken);

        var raw = await harness.Collection("orders").Find(new BsonDocument("_id", "42")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["_id", "ORDER_ID", "total", "createdAt", "__STATE__", "__version"], raw.Names.ToArray());
        Assert.Equal(BsonType.Int32, raw["ORDER_ID"].BsonType);
        Assert.Equal(BsonType.Decimal128, raw["total"].BsonType);
        Assert.Equal(BsonType.DateTime, raw["createdAt"].BsonType);

        var read = StorageHarness.NewState(new JsonObject());
        await harness.Storage.ReadStateAsync("state", grain, read, TestContext.Current.CancellationToken);
        Assert.True(read.RecordExists);
        Assert.Equal("2026-04-05T06:07:08.000Z", read.State!["createdAt"]!.GetValue<string>());
        Assert.False(read.State.ContainsKey("_id"));
        Assert.False(read.State.ContainsKey("__version"));
    }
}
