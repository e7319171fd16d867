import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, PERSON_DATA_VAULT, STORAGE } from '../../application/command-handling/tokens';
import { PersonRegistry } from '../../application/person-registry/person-registry.service';
import type { AppConfig } from '../config/app-config';
import { PersonsController } from '../http/persons/persons.controller';
import { loadKeyWrapper } from '../person-registry/person-data-settings';
import { SqlPersonDataVault } from '../person-registry/sql-person-data-vault';
import type { Storage } from '../storage/create-storage';

/** DI wiring of the person registry (registered in procedures/person-registry.procedure.ts). */
@Module({
  controllers: [PersonsController],
  providers: [
    PersonRegistry,
    {
      provide: PERSON_DATA_VAULT,
      inject: [STORAGE, APP_CONFIG],
      useFactory: (storage: Storage, config: AppConfig) => new SqlPersonDataVault(storage.sql, loadKeyWrapper(config)),
    },
  ],
})
export class PersonRegistryModule implements OnModuleInit {
  constructor(@Inject(PERSON_DATA_VAULT) private readonly vault: SqlPersonDataVault) {}

  async onModuleInit(): Promise<void> {
    await this.vault.migrate();
  }
}
