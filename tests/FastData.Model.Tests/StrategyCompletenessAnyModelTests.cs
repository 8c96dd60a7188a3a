using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Keys;
using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>
/// The property <see cref="StrategyCompletenessTests"/> checks on the retail sample, on other models: after any change
/// of any field of any record, every single view whose from-scratch aggregation changed is among the keys the strategy
/// names. Values come from small domains, so that records join often and changes often keep values.
/// </summary>
public sealed class StrategyCompletenessAnyModelTests
{
    private const int Steps = 200;

    public static TheoryData<string, int> Models => new()
    {
        { "engine-features", 1 },
        { "engine-features", 2 },
        { "projection-changes", 1 },
        { "projection-changes", 2 },
        { "date-key", 1 },
        { "valid-minimal", 1 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task AffectedAsync_RandomChangesOfAnyField_CoverEveryChangedSingleView(string fixture, int seed)
    {
        var token = TestContext.Current.CancellationToken;
        var functions = new CustomFunctionRegistry().AddAggregationFunction("summary", context => context.Dependencies.Count);
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture(fixture), functions);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var model = result.Model!;
        var random = new Random(seed);
        var store = new InMemoryResolver(model);
        var keys = new HashSet<SingleViewKey>();
        foreach (var projection in model.Projections.Values)
        {
            for (var i = 0; i < 6; i++)
            {
                Put(store, keys, model, projection, RandomRecord(random, projection));
            }
        }

        for (var step = 0; step < Steps; step++)
        {
            var projection = model.Projections.Values.ElementAt(random.Next(model.Projections.Count));
            var candidate = RandomRecord(random, projection);
            var key = RecordKey.FromRecord(candidate, projection.PrimaryKey);
            var old = store.Get(projection.Name, key)?.DeepClone().AsObject();
            if (old is not null && random.Next(2) == 0)
            {
                // Most changes keep most fields: change one field of the stored version (or its state).
                candidate = old.DeepClone().AsObject();
                var field = projection.FieldsInOrder[random.Next(projection.FieldsInOrder.Count)];
                if (!projection.PrimaryKey.Contains(field.Name))
                {
                    candidate[field.Name] = RandomValue(random, field.Type);
                }
            }

            candidate[RecordStates.Field] = random.Next(5) == 0 ? RecordStates.Deleted : RecordStates.Public;
            var before = await SnapshotAsync(model, store, keys, token);
            Put(store, keys, model, projection, candidate);
            var after = await SnapshotAsync(model, store, keys, token);

            var affected = await model.Strategies.AffectedAsync(projection.Name, old, candidate.DeepClone().AsObject(), store, token);

            foreach (var (singleViewKey, document) in after)
            {
                before.TryGetValue(singleViewKey, out var previous);
                if (!JsonNode.DeepEquals(previous, document))
                {
                    Assert.True(affected.Contains(singleViewKey),
                        $"{fixture} step {step}: {projection.Name} {old?.ToJsonString()} -> {candidate.ToJsonString()} changed {singleViewKey} but the strategy named [{string.Join(", ", affected)}]");
                }
            }
        }
    }

    private static void Put(InMemoryResolver store, HashSet<SingleViewKey> keys, FastDataModel model, ProjectionDefinition projection, JsonObject record)
    {
        store.Put(projection.Name, record);
        foreach (var singleView in model.SingleViews.Values.Where(s => s.BaseProjection.Name == projection.Name))
        {
            if (RecordKey.TryFromRecord(record, [.. singleView.KeyFields.Select(k => k.ProjectionField)], out var key, out _))
            {
                keys.Add(new SingleViewKey(singleView.Name, key));
            }
        }
    }

    private static JsonObject RandomRecord(Random random, ProjectionDefinition projection)
    {
        var record = new JsonObject();
        foreach (var field in projection.FieldsInOrder)
        {
            record[field.Name] = projection.PrimaryKey.Contains(field.Name) || random.Next(4) > 0
                ? RandomValue(random, field.Type) ?? RandomValue(random, field.Type) ?? ScalarOf(field.Type, 1)
                : null;
        }

        return record;
    }

    /// <summary>A value from a small domain of the field's type (null one time in eight).</summary>
    private static JsonNode? RandomValue(Random random, FieldType type) =>
        random.Next(8) == 0 ? null : ScalarOf(type, random.Next(1, 4));

    private static JsonNode ScalarOf(FieldType type, int n) => type switch
    {
        FieldType.Integer => JsonValue.Create((long)n),
        FieldType.Number => JsonValue.Create(n * 1.5),
        FieldType.Boolean => JsonValue.Create(n % 2 == 0),
        FieldType.Date => JsonValue.Create($"2024-01-0{n}T00:00:00.000Z"),
        FieldType.Object => new JsonObject { ["n"] = n },
        FieldType.Array => new JsonArray(n),
        _ => JsonValue.Create($"v{n}"),
    };

    private static async Task<Dictionary<SingleViewKey, JsonObject?>> SnapshotAsync(FastDataModel model, InMemoryResolver store,
        HashSet<SingleViewKey> keys, CancellationToken token)
    {
        var result = new Dictionary<SingleViewKey, JsonObject?>();
        foreach (var key in keys)
        {
            result[key] = await AggregationEngine.AggregateAsync(model.SingleViews[key.SingleViewName], key.Key, store, token);
        }

        return result;
    }
}
