/**
 * The lecture's real systems placed on the CAP picture, with what their own documentation says
 * (links in `source`); no claim beyond it.
 * @packageDocumentation
 */

/** One row of the table. */
export interface CapSystem {
  readonly system: string;
  readonly lecture: 'CP' | 'AP';
  readonly tunable: string;
  readonly duringPartition: string;
  readonly source: string;
}

/** MongoDB, HBase, DynamoDB and Cassandra (Spanish text for the notebook's table). */
export const CAP_SYSTEMS: readonly CapSystem[] = [
  {
    system: 'MongoDB (conjunto de réplicas)',
    lecture: 'CP',
    tunable: 'writeConcern (w: 1, "majority"…) y readConcern ("local", "majority", "linearizable") por operación; readPreference puede leer de secundarios',
    duringPartition: 'Solo un primario elegido por mayoría acepta escrituras; el lado sin mayoría no tiene primario (con readPreference secundaria aún puede leer datos viejos)',
    source: 'https://www.mongodb.com/docs/manual/replication/ · /reference/write-concern/ · /reference/read-concern/',
  },
  {
    system: 'HBase',
    lecture: 'CP',
    tunable: 'Cada región la sirve un único RegionServer; las réplicas de lectura por región (timeline consistency) son opcionales y marcan la lectura como «stale»',
    duringPartition: 'Las regiones de un RegionServer caído o aislado no se sirven hasta que el Master las reasigna (tras expirar su sesión en ZooKeeper)',
    source: 'https://hbase.apache.org/book.html (Architecture; Timeline-consistent High Available Reads)',
  },
  {
    system: 'Amazon DynamoDB',
    lecture: 'AP',
    tunable: 'Lecturas eventualmente consistentes por defecto; ConsistentRead=true pide lectura fuerte (no en índices secundarios globales); las tablas globales tienen dos modos: eventual multirregión (conflictos: gana la última escritura) o fuerte multirregión',
    duringPartition: 'Según su guía, una lectura fuerte puede no estar disponible si hay un retraso o corte de red (error HTTP 500); en modo eventual, cada región de una tabla global sigue aceptando escrituras',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html · /V2globaltables_HowItWorks.html · prescriptive-guidance/latest/dynamodb-global-tables/',
  },
  {
    system: 'Apache Cassandra',
    lecture: 'AP',
    tunable: 'Nivel de consistencia por petición: ONE, QUORUM, LOCAL_QUORUM, ALL…; R + W > N da lecturas que ven la última escritura',
    duringPartition: 'Contesta si hay bastantes réplicas vivas para el nivel pedido (ONE casi siempre; QUORUM no en el lado minoritario); repara después con hinted handoff, read repair y anti-entropía; conflictos por marca de tiempo (LWW)',
    source: 'https://cassandra.apache.org/doc/latest/cassandra/architecture/dynamo.html',
  },
];
