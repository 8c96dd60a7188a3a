using FastData.Model.Configuration;

namespace FastData.Grains.Tests;

/// <summary>The samples/retail configuration, found from the test's output folder upwards.</summary>
internal static class RetailModel
{
    private static readonly Lazy<FastDataModel> Model = new(Load);

    public static FastDataModel Instance => Model.Value;

    private static FastDataModel Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "samples", "retail");
            if (File.Exists(Path.Combine(folder, "projections.json")))
            {
                var result = FastDataConfigurationLoader.Load(folder);
                return result.Model ?? throw new InvalidOperationException("samples/retail is invalid: " + string.Join("; ", result.Errors));
            }
        }

        throw new DirectoryNotFoundException("samples/retail was not found above " + AppContext.BaseDirectory);
    }
}
