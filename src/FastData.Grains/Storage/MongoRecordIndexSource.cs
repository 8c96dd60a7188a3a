using FastData.Model.Configuration;
using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Grains.Storage;

/// <summary>
/// The indexes the pipeline's lookups need, from <see cref="FastDataModel.QueryIndexes"/>: one per field set each
/// projection is queried by (ER condition fields, single-view key fields). The primary key needs none: it is <c>_id</c>.
/// Usable as an <see cref="IMongoIndexSource"/> for any storage provider, and by <see cref="MongoRecordIndexBootstrap"/>.
/// </summary>
public sealed class MongoRecordIndexSource(FastDataModel model) : IMongoIndexSource
{
    /// <summary>Every index of the model.</summary>
    public IReadOnlyList<MongoIndexDefinition> Indexes { get; } =
        [.. model.QueryIndexes.Select(q => MongoIndexDefinition.On(q.Projection, [.. q.Fields]) with { Name = IndexName(q.Fields) })];

    /// <summary>The name of the lookup index on <paramref name="fields"/>: <c>fd_</c> + the fields joined by '_'
    /// (the model's <see cref="FastData.Model.Strategies.QueryIndex.Name"/>).</summary>
    public static string IndexName(IReadOnlyList<string> fields) => "fd_" + string.Join('_', fields);

    /// <inheritdoc />
    public IEnumerable<MongoIndexDefinition> GetIndexes(string storageName) => Indexes;
}
