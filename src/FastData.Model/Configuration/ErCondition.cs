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
public sealed record ErCondition(string Name, string From, string To, bool OneToMany, ConditionNode Condition);
