namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Supplies indexes from outside the provider (the grains layer derives them from the model: unique keys, ER
/// condition fields, query needs). Every registered source is read once at start-up.
/// </summary>
public interface IMongoIndexSource
{
    /// <summary>Returns the indexes this source needs in the database of the grain storage named <paramref name="storageName"/> (return none for other providers).</summary>
    IEnumerable<MongoIndexDefinition> GetIndexes(string storageName);
}
