import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { listInfraFiles, readInfraFile } from './helpers/infra-files.js';
import { validateXml, xmlComments } from './helpers/xml-tree.js';

describe('infra/: every file parses', () => {
  const yamlFiles = listInfraFiles('.yml', '.yaml');
  const xmlFiles = listInfraFiles('.xml');

  it('has the YAML and XML files ops install', () => {
    expect(yamlFiles).to.include.members([
      'docker-compose.yml',
      'prometheus/callfwd-alerts.yml',
      'prometheus/prometheus.yml',
    ]);
    expect(xmlFiles).to.include.members([
      'freeswitch/autoload_configs/acl-callfwd.xml',
      'freeswitch/autoload_configs/event_socket.conf.xml',
      'freeswitch/dialplan/callfwd.xml',
      'docker/freeswitch/event_socket.conf.xml',
    ]);
  });

  for (const file of yamlFiles) {
    it(`${file} is valid YAML, one document, without warnings`, () => {
      const documents = parseAllDocuments(readInfraFile(file), { prettyErrors: true });
      expect(documents).to.have.length(1);
      const [document] = documents;
      expect(document?.errors.map((error) => error.message)).to.deep.equal([]);
      expect(document?.warnings.map((warning) => warning.message)).to.deep.equal([]);
      expect(document?.toJS()).to.be.an('object');
    });
  }

  for (const file of xmlFiles) {
    it(`${file} is well-formed XML`, () => {
      expect(validateXml(readInfraFile(file))).to.equal(true);
    });

    it(`${file} has no preprocessor instruction inside a comment (FreeSWITCH would still run it)`, () => {
      const offending = xmlComments(readInfraFile(file)).filter((comment) => /X-PRE-PROCESS/i.test(comment));
      expect(offending).to.deep.equal([]);
    });
  }
});
