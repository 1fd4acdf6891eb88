// The software repository lives with the other software and vulnerability repositories.
export { SoftwareRepository } from '../software/software.repository';
