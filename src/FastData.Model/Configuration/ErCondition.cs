namespace FastData.Model.Configuration;

/// <summary>
/// A named ER condition: <c>config.From.outgoing.To.conditions.Name</c>. Given a record of <see cref="From"/>
/// it selects the related records of <see cref="To"/>.
/// </summary>
/// <param name="Name">The condition name (unique within its ER schema).</param>
/// <param name="From">The projection that declares the condition.</param>
/// <param name="To">The related projection.</param>
/// <param name="OneToMany">More than one <see cref="To"/> record may relate to one <see cref="From"/> record.</param>
/// <param name="Condition">The condition body.</param>
public sealed record ErCondition(string Name, string From, string To, bool OneToMany, ConditionNode Condition)
{
    /// <summary>Every field the condition compares, with its projection: <see cref="To"/> for the compared fields and
    /// the constants' fields, <see cref="From"/> for the fields they are compared with; every branch of an or
    /// counts, since any of them may decide the match.</summary>
    public IEnumerable<(string Projection, string Field)> ComparedFields() => ComparedFields(Condition);

    private IEnumerable<(string Projection, string Field)> ComparedFields(ConditionNode node) => node switch
    {
        ConditionFieldEquals equals => [(To, equals.ToField), (From, equals.FromField)],
        ConditionConstant constant => [(To, constant.ToField)],
        ConditionAnd { Children: var allOf } => allOf.SelectMany(ComparedFields),
        ConditionOr { Children: var anyOf } => anyOf.SelectMany(ComparedFields),
        _ => throw new InvalidOperationException($"Unknown ER condition node {node.GetType().Name} in '{Name}'."),
    };
}
