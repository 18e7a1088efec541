import { describeStoreContract } from './contract/storeContract';
import { sqliteStores } from './contract/storesUnderTest';

describeStoreContract(sqliteStores);
